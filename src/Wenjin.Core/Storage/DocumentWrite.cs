namespace Wenjin.Storage;

/// <summary>
/// Everything stored for one successfully processed document. A store writes it atomically and replaces any
/// earlier version with the same SourceId in that same transaction.
/// </summary>
public sealed record DocumentWrite(string SourceId, string ContentHash, string Text, IReadOnlyList<IndexedChunk> Chunks)
{
    public string? Title { get; init; }

    public IReadOnlyList<string> TitleTerms { get; init; } = [];

    public string? Url { get; init; }

    public required string Format { get; init; }

    public long Bytes { get; init; }

    public int? Pages { get; init; }
}
