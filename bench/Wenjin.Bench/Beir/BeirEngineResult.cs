namespace Wenjin.Bench.Beir;

/// <summary>
/// One engine on one BEIR dataset. Quality metrics are means over queries as fractions in [0, 1]; latencies are
/// per-query milliseconds; IndexSeconds is the wall time to index every document and make it searchable.
/// </summary>
internal sealed record BeirEngineResult
{
    public required string Dataset { get; init; }

    public required string Engine { get; init; }

    public required DateTimeOffset MeasuredAt { get; init; }

    public required int Documents { get; init; }

    /// <summary>Index units written: chunks for Wenjin, documents for Lucene.</summary>
    public required int Chunks { get; init; }

    public required int Queries { get; init; }

    public required double RecallAt1 { get; init; }

    /// <summary>Share of queries whose first document is relevant (success@1); equals R@1 with one relevant document per query.</summary>
    public double HitAt1 { get; init; }

    public required double RecallAt5 { get; init; }

    public required double RecallAt10 { get; init; }

    public required double MrrAt10 { get; init; }

    public required double NdcgAt10 { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double IndexSeconds { get; init; }

    public required long IndexBytes { get; init; }
}
