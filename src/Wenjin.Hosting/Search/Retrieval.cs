using Wenjin.Analysis;
using Wenjin.Storage;

namespace Wenjin.Hosting.Search;

/// <summary>A retrieval's query, ranked chunks (best first) and the statistics they were ranked with.</summary>
public sealed record Retrieval(AnalyzedQuery Query, IReadOnlyList<RankedChunk> Chunks, IndexStatistics? Statistics)
{
    /// <summary>Whether the chunks are a fusion of lexical and vector rankings (their scores are then fused scores).</summary>
    public bool Fused { get; init; }

    /// <summary>Whether the chunks were reordered by a reranker model (their scores are then the reranker's).</summary>
    public bool Reranked { get; init; }

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
