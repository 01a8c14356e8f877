namespace Wenjin.Storage;

/// <summary>A chunk waiting for its vector: its key, text, and the document title and heading path it sits under.</summary>
public sealed record ChunkToEmbed(long Key, string Text, string? Title, IReadOnlyList<string> HeadingPath);
