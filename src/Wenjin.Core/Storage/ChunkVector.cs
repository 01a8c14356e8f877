namespace Wenjin.Storage;

/// <summary>The embedding of the chunk stored under <paramref name="Key"/> (see <see cref="ChunkCandidate.Key"/>).</summary>
public sealed record ChunkVector(long Key, ReadOnlyMemory<float> Vector);
