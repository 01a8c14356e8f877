namespace Wenjin.Storage;

/// <summary>
/// A knowledge base's chunk embeddings: the model they come from (null: none yet), their length (0 until the first
/// vector), how many chunks have one out of how many there are, the highest sequence number given to a vector, and a
/// count of vector deletions (it grows whenever a vector goes, so an in-memory index built earlier knows it is out of
/// date).
/// </summary>
public sealed record EmbeddingState(string? Model, int Dimensions, long Embedded, long Chunks, long Sequence, long Deletions)
{
    /// <summary>Chunks still waiting for a vector.</summary>
    public long Pending => Math.Max(0, Chunks - Embedded);
}
