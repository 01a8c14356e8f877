namespace Wenjin.Bench.Hybrid;

/// <summary>
/// One <see cref="FusionVariant"/> on one dataset. Quality metrics are means over the judged queries as fractions in
/// [0, 1], at document level (a document's best chunk stands for it); latencies are per-search milliseconds and, for
/// the variants with vectors, include embedding the question over HTTP.
/// </summary>
internal sealed record FusionVariantResult
{
    public required string Variant { get; init; }

    /// <summary>"none" (lexical), "rrf" or "weighted".</summary>
    public required string Fusion { get; init; }

    /// <summary>k of RRF, null otherwise.</summary>
    public int? RrfK { get; init; }

    /// <summary>The vector side's weight in weighted fusion, null otherwise.</summary>
    public double? VectorWeight { get; init; }

    public required int Queries { get; init; }

    public required double RecallAt1 { get; init; }

    public required double RecallAt5 { get; init; }

    public required double RecallAt10 { get; init; }

    public required double MrrAt10 { get; init; }

    public required double NdcgAt10 { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    /// <summary>Queries whose reciprocal rank @10 is higher than lexical retrieval's (0 for the lexical row).</summary>
    public required int BetterThanLexical { get; init; }

    /// <summary>Queries whose reciprocal rank @10 is lower than lexical retrieval's (0 for the lexical row).</summary>
    public required int WorseThanLexical { get; init; }

    /// <summary>Queries Wenjin refused as invalid input; scored as searches that found nothing.</summary>
    public required int RejectedQueries { get; init; }

    /// <summary>
    /// Searches where embedding the question failed, so the product fell back to lexical retrieval (it logs a warning
    /// and carries on); anything but 0 makes a row with vectors partly lexical.
    /// </summary>
    public required int LexicalFallbacks { get; init; }

    /// <summary>
    /// Embeddings requests the scripted server received while this variant ran (warm-up included): one per search
    /// with vectors, 0 for lexical; more would mean chunks were embedded again. Null for an external model server.
    /// </summary>
    public int? EmbeddingRequests { get; init; }
}
