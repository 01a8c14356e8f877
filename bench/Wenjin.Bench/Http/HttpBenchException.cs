namespace Wenjin.Bench.Http;

/// <summary>A setup problem of the HTTP benchmark (missing build, ingest or server failure); printed as "error: …", exit 1.</summary>
internal sealed class HttpBenchException : Exception
{
    public HttpBenchException(string message)
        : base(message)
    {
    }

    public HttpBenchException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public HttpBenchException()
    {
    }
}
