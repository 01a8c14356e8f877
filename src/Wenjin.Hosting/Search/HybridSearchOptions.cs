namespace Wenjin.Hosting.Search;

/// <summary>
/// Hybrid retrieval, used when an embedding model is configured and the knowledge base has chunk vectors. The default
/// fusion (weighted, vector weight 0.3) is the one that cost least when the vector side is weaker than BM25: on
/// CMRC2018 / DRCD with a stand-in embedding (`Wenjin.Bench hybrid`, README "Benchmarks") it lost 0.2 / 0.8 MRR@10
/// points where RRF k = 60 lost 12.3 / 21.1. With a strong semantic model measure again (`hybrid --base-url`).
/// </summary>
public sealed record HybridSearchOptions
{
    public FusionMethod Fusion { get; init; } = FusionMethod.Weighted;

    /// <summary>The k of reciprocal-rank fusion: larger flattens the advantage of the first ranks.</summary>
    public int RrfK { get; init; } = 60;

    /// <summary>The vector side's weight in <see cref="FusionMethod.Weighted"/> (the lexical side gets 1 − this).</summary>
    public double VectorWeight { get; init; } = 0.3;

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
