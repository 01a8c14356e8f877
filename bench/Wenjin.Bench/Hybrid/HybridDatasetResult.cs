namespace Wenjin.Bench.Hybrid;

/// <summary>Everything the <c>hybrid</c> benchmark measured on one dataset: its size, the embedding run and each variant.</summary>
internal sealed record HybridDatasetResult
{
    public required string Dataset { get; init; }

    public required DateTimeOffset MeasuredAt { get; init; }

    public required int Documents { get; init; }

    public required int Chunks { get; init; }

    public required int Queries { get; init; }

    /// <summary>
    /// Distinct texts a variant with vectors searches (warm-up included). The product caches question embeddings by
    /// exact text, so this is how many embeddings requests such a variant should send; more would mean re-embedding.
    /// </summary>
    public required int DistinctSearchTexts { get; init; }

    /// <summary>Wall time of ingesting the corpus (parse, chunk, analyze, store, optimize), before embedding.</summary>
    public required double IngestSeconds { get; init; }

    public required EmbeddingThroughput Embedding { get; init; }

    public required IReadOnlyList<FusionVariantResult> Variants { get; init; }
}
