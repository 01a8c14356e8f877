using Wenjin.Analysis;
using Wenjin.Storage;

namespace Wenjin.Hosting.Search;

/// <summary>
/// Retrieval for one knowledge base: analyzes the query, asks the store for candidates and statistics, and re-ranks
/// them with <see cref="ChunkRanker"/>. Shared by search, ask and evaluation so that all three see the same ranking.
/// </summary>
public sealed class ChunkRetriever
{
    private readonly IKnowledgeStore _store;
    private readonly IQueryAnalyzer _queryAnalyzer;
    private readonly ChunkRanker _ranker;
    private readonly RankingOptions _options;

    public ChunkRetriever(IKnowledgeStore store, IQueryAnalyzer queryAnalyzer, RankingOptions options)
    {
        _store = store;
        _queryAnalyzer = queryAnalyzer;
        _options = options;
        _ranker = new ChunkRanker(options);
    }

    public AnalyzedQuery Analyze(string query) => _queryAnalyzer.Analyze(query);

    /// <summary>The best chunks for <paramref name="query"/>, at most <paramref name="top"/>, best first.</summary>
    public Retrieval Retrieve(string kb, AnalyzedQuery query, int top, bool explain)
    {
        if (query.Terms.Count == 0 || top <= 0)
        {
            return new Retrieval(query, [], null);
        }

        var statistics = _store.GetStatistics(kb, query.Terms.Select(t => t.Term).ToArray());
        var candidates = _store.FindCandidates(kb, query.Terms, Math.Max(top, _options.CandidateLimit), statistics);
        if (candidates.Count == 0)
        {
            return new Retrieval(query, [], statistics);
        }

        var ranked = _ranker.Rank(query, candidates, statistics, explain);
        return new Retrieval(query, ranked.Count <= top ? ranked : ranked.Take(top).ToArray(), statistics);
    }
}
