namespace Wenjin.Extraction;

/// <summary>
/// Extract records of <see cref="Schema"/> from the documents <see cref="DocIds"/> (null: every indexed document of the
/// knowledge base). Each record replaces the one stored for the same document and schema.
/// </summary>
public sealed record ExtractionRequest(string Schema)
{
    public IReadOnlyList<string>? DocIds { get; init; }

    public ExtractionMode Mode { get; init; } = ExtractionMode.Auto;
}
