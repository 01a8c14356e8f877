namespace Wenjin.Storage;

/// <summary>
/// How far a knowledge base's chunk embeddings are: the model configured for it (null: none, lexical retrieval only),
/// the model its stored vectors come from, how many chunks have a vector out of how many there are, whether the stored
/// vectors are stale (another model is configured: they are replaced as chunks are re-embedded), and the last error of
/// background embedding (cleared by the next success).
/// </summary>
public sealed record EmbeddingStatus(string? ConfiguredModel, string? Model, int Dimensions, long Embedded, long Chunks)
{
    public long Pending => Math.Max(0, Chunks - Embedded);

    public bool Stale => ConfiguredModel is not null && Model is not null && Model != ConfiguredModel;

    public string? LastError { get; init; }
}
