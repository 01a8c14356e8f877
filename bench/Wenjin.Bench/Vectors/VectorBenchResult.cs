namespace Wenjin.Bench.Vectors;

/// <summary>One row of the vectors benchmark: an index kind and encoding at one size, searched at one ef.</summary>
internal sealed record VectorBenchResult
{
    public required int Count { get; init; }

    public required int Dimensions { get; init; }

    /// <summary>"exact" or "hnsw".</summary>
    public required string Index { get; init; }

    public required string Encoding { get; init; }

    /// <summary>Build parameters, e.g. "M=16 efC=200"; empty for exact.</summary>
    public required string Parameters { get; init; }

    /// <summary>ef of the searches (HNSW), null for exact.</summary>
    public int? EfSearch { get; init; }

    /// <summary>Wall time of the Add calls only (vector generation excluded).</summary>
    public required double BuildSeconds { get; init; }

    /// <summary>Growth of the managed heap (GC.GetTotalMemory after full collections) from before the build to after it.</summary>
    public required long ManagedBytes { get; init; }

    /// <summary>The index's own count of bytes in its arrays (AllocatedBytes).</summary>
    public required long IndexBytes { get; init; }

    public required int Queries { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MeanMs { get; init; }

    /// <summary>Mean recall@10 against the float32 exact index; 1 for that index itself.</summary>
    public required double RecallAt10 { get; init; }
}
