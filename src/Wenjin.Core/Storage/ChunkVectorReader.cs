namespace Wenjin.Storage;

/// <summary>Receives one stored vector: its chunk key, its sequence number and its components (valid during the call only).</summary>
public delegate void ChunkVectorReader(long key, long sequence, ReadOnlySpan<float> vector);
