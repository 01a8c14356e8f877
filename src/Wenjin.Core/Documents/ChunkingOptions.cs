namespace Wenjin.Documents;

/// <summary>Chunk sizes in characters. Defaults suit Chinese prose: a few hundred characters, a sentence of overlap.</summary>
public sealed record ChunkingOptions
{
    public int TargetChars { get; init; } = 300;

    public int MaxChars { get; init; } = 600;

    public int OverlapChars { get; init; } = 50;

    public static ChunkingOptions Default { get; } = new();
}
