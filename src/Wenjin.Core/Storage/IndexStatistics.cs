namespace Wenjin.Storage;

/// <summary>Collection statistics for BM25 over one knowledge base's chunks.</summary>
public sealed record IndexStatistics(long ChunkCount, double AverageBodyLength, double AverageHeadingLength, double AverageTitleLength)
{
    /// <summary>Number of chunks containing each requested term in any field.</summary>
    public IReadOnlyDictionary<string, long> DocumentFrequency { get; init; } = new Dictionary<string, long>();
}
