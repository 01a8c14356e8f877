using Wenjin.Analysis;
using Wenjin.Storage;

namespace Wenjin.Hosting.Search;

/// <summary>A retrieval's query, ranked chunks (best first) and the statistics they were ranked with.</summary>
public sealed record Retrieval(AnalyzedQuery Query, IReadOnlyList<RankedChunk> Chunks, IndexStatistics? Statistics)
{
    /// <summary>The BM25 idf of a query term (0 when the term is unknown to the index).</summary>
    public double Idf(string term)
    {
        if (Statistics is null)
        {
            return 0;
        }

        long df = Statistics.DocumentFrequency.TryGetValue(term, out long d) ? d : 0;
        return ChunkRanker.Idf(Statistics.ChunkCount, df);
    }
}
