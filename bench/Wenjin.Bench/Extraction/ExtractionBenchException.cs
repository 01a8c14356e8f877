namespace Wenjin.Bench.Extraction;

/// <summary>A setup problem of the extraction benchmark (a CLI step failed, no extract command); printed as "error: …", exit 1.</summary>
internal sealed class ExtractionBenchException : Exception
{
    public ExtractionBenchException(string message)
        : base(message)
    {
    }

    public ExtractionBenchException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ExtractionBenchException()
    {
    }
}
