namespace Wenjin.Storage;

/// <summary>A stored document's metadata (not its text). Failed documents carry the error and the stage it came from.</summary>
public sealed record DocumentInfo(string Id, string SourceId, DocumentStatus Status)
{
    public string? Title { get; init; }

    public string? Url { get; init; }

    public string? Format { get; init; }

    /// <summary>SHA-256 (hex) of the source bytes; the same hash means the same content.</summary>
    public string? ContentHash { get; init; }

    public long Bytes { get; init; }

    public int Characters { get; init; }

    public int Chunks { get; init; }

    public int? Pages { get; init; }

    public string? Error { get; init; }

    public string? ErrorStage { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
