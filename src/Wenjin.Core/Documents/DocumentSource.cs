namespace Wenjin.Documents;

/// <summary>
/// Raw content handed to a parser: the bytes of a file (or of one JSONL record's text) and what is known about it.
/// </summary>
public sealed record DocumentSource(string SourceId, string FileName, byte[] Content)
{
    /// <summary>Title given by the container (a JSONL record's "title"); parsers prefer it over guesses.</summary>
    public string? Title { get; init; }

    /// <summary>Link given by the container (a JSONL record's "url").</summary>
    public string? Url { get; init; }

    /// <summary>Lower-case extension without the dot ("pdf", "md"); decides the parser.</summary>
    public string Extension => Path.GetExtension(FileName).TrimStart('.').ToLowerInvariant();
}
