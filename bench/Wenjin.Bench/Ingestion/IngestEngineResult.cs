namespace Wenjin.Bench.Ingestion;

/// <summary>
/// One engine indexing one corpus, then answering a latency query set on it. MB are 10^6 bytes of UTF-8 text (the
/// "text" fields only); Seconds is the wall time from the first document handed over until the index is searchable.
/// </summary>
internal sealed record IngestEngineResult
{
    /// <summary>The corpus file name plus any document/MB limit; keys the baseline.</summary>
    public required string Corpus { get; init; }

    public required string Engine { get; init; }

    public required DateTimeOffset MeasuredAt { get; init; }

    public required int Documents { get; init; }

    public required long TextBytes { get; init; }

    /// <summary>Index units written: chunks for Wenjin, documents for Lucene.</summary>
    public required int Chunks { get; init; }

    public required double Seconds { get; init; }

    public double MegabytesPerSecond => TextBytes / 1e6 / Seconds;

    public double DocumentsPerSecond => Documents / Seconds;

    public required long IndexBytes { get; init; }

    /// <summary>Peak resident set of the whole process during this engine's run (corpus held in memory included).</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>Bytes the GC allocated during indexing.</summary>
    public required long AllocatedBytes { get; init; }

    public required int Queries { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }
}
