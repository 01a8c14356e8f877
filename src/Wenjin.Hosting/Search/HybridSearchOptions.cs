namespace Wenjin.Hosting.Search;

/// <summary>
/// Hybrid retrieval, used when an embedding model is configured and the knowledge base has chunk vectors. Defaults
/// were chosen on the development benchmark (README, Benchmarks: `Wenjin.Bench hybrid`).
/// </summary>
public sealed record HybridSearchOptions
{
    public FusionMethod Fusion { get; init; } = FusionMethod.Rrf;

    /// <summary>The k of reciprocal-rank fusion: larger flattens the advantage of the first ranks.</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>The vector side's weight in <see cref="FusionMethod.Weighted"/> (the lexical side gets 1 − this).</summary>
    public double VectorWeight { get; init; } = 0.5;

    /// <summary>Chunks taken from vector search before fusion.</summary>
    public int VectorCandidates { get; init; } = 50;

    /// <summary>
    /// Text put before a question when it is embedded, for models trained with a query instruction (e.g. BGE's
    /// "为这个句子生成表示以用于检索相关文章："); null for models without one.
    /// </summary>
    public string? QueryInstruction { get; init; }

    /// <summary>Embedding requests in flight at once while chunks are embedded.</summary>
    public int EmbedConcurrency { get; init; } = 2;

    /// <summary>Up to this many vectors a knowledge base is searched exactly; above it an HNSW graph is built and searched.</summary>
    public int ExactSearchLimit { get; init; } = 200_000;

    public static HybridSearchOptions Default { get; } = new();
}
