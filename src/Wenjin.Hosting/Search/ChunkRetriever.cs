using Wenjin.Analysis;
using Wenjin.Storage;

namespace Wenjin.Hosting.Search;

/// <summary>
/// Retrieval for one knowledge base: analyzes the query, asks the store for candidates and statistics, and re-ranks
/// them with <see cref="ChunkRanker"/>; given vector matches, fuses the two rankings (<see cref="ResultFusion"/>).
/// Shared by search, ask and evaluation so that all three see the same ranking.
/// </summary>
public sealed class ChunkRetriever
{
    private readonly IKnowledgeStore _store;
    private readonly IQueryAnalyzer _queryAnalyzer;
    private readonly ChunkRanker _ranker;
    private readonly RankingOptions _options;
    private readonly ResultFusion _fusion;

    public ChunkRetriever(IKnowledgeStore store, IQueryAnalyzer queryAnalyzer, RankingOptions options, HybridSearchOptions? hybrid = null)
    {
        _store = store;
        _queryAnalyzer = queryAnalyzer;
        _options = options;
        _ranker = new ChunkRanker(options);
        _fusion = new ResultFusion(hybrid ?? HybridSearchOptions.Default);
    }

    public AnalyzedQuery Analyze(string query) => _queryAnalyzer.Analyze(query);

    /// <summary>The best chunks for <paramref name="query"/>, at most <paramref name="top"/>, best first (lexical ranking only).</summary>
    public Retrieval Retrieve(string kb, AnalyzedQuery query, int top, bool explain) => Retrieve(kb, query, top, explain, null);

    /// <summary>
    /// The best chunks for <paramref name="query"/>, at most <paramref name="top"/>, best first. With
    /// <paramref name="vectors"/> (the query's vector matches, best first, from <paramref name="vectors"/>' model), the
    /// lexical and vector rankings are fused; chunks found only by vector search are ranked lexically too, so that
    /// every retrieved chunk carries its coverage of the query.
    /// </summary>
    public Retrieval Retrieve(string kb, AnalyzedQuery query, int top, bool explain, VectorMatches? vectors)
    {
        bool hybrid = vectors is { Matches.Count: > 0 };
        if ((query.Terms.Count == 0 && !hybrid) || top <= 0)
        {
            return new Retrieval(query, [], null);
        }

        var statistics = _store.GetStatistics(kb, query.Terms.Select(t => t.Term).ToArray());
        var candidates = query.Terms.Count == 0 ? [] : _store.FindCandidates(kb, query.Terms, Math.Max(top, _options.CandidateLimit), statistics);
        var ranked = candidates.Count == 0 ? [] : _ranker.Rank(query, candidates, statistics, explain);
        if (!hybrid)
        {
            return new Retrieval(query, ranked.Count <= top ? ranked : ranked.Take(top).ToArray(), statistics);
        }

        var byKey = new Dictionary<long, RankedChunk>(ranked.Count);
        foreach (var chunk in ranked)
        {
            byKey[chunk.Candidate.Key] = chunk;
        }

        var missing = vectors!.Matches.Where(m => !byKey.ContainsKey(m.Key)).Select(m => m.Key).ToArray();
        if (missing.Length > 0)
        {
            var found = _store.GetCandidates(kb, missing);
            var rankedFound = _ranker.Rank(query, found, statistics, explain);
            foreach (var chunk in rankedFound.Count > 0 ? rankedFound : found.Select(c => new RankedChunk(c, 0, 0, null)))
            {
                byKey[chunk.Candidate.Key] = chunk;
            }
        }

        // Matches whose chunk is gone (a document replaced since the index was read) are dropped here.
        var matched = vectors.Matches
            .Where(m => byKey.ContainsKey(m.Key))
            .Select(m => (m, byKey[m.Key]))
            .ToArray();
        var fused = _fusion.Fuse(ranked, matched, vectors.Model, explain);
        return new Retrieval(query, fused.Count <= top ? fused : fused.Take(top).ToArray(), statistics) { Fused = true };
    }
}
