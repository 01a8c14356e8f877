namespace Wenjin.Bench.Metrics;

/// <summary>
/// Per-query, document-level retrieval metrics. <c>ranked</c> is a list of distinct document ids, best first;
/// <c>relevance</c> maps each relevant document id to its graded judgement (&gt; 0). Ranks are 1-based.
/// </summary>
internal static class RetrievalMetrics
{
    /// <summary>R@k = |relevant ∩ top k| / |relevant|. With one relevant document per query this is the hit rate.</summary>
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance, int k)
    {
        if (relevance.Count == 0)
        {
            return 0;
        }

        int found = ranked.Take(k).Count(relevance.ContainsKey);
        return (double)found / relevance.Count;
    }

    /// <summary>RR@k = 1 / rank of the first relevant document when that rank ≤ k, else 0. MRR@k is its mean.</summary>
    public static double ReciprocalRankAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance, int k)
    {
        int limit = Math.Min(k, ranked.Count);
        for (int i = 0; i < limit; i++)
        {
            if (relevance.ContainsKey(ranked[i]))
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    /// <summary>
    /// nDCG@k = DCG@k / IDCG@k with linear gain and log2 discount (trec_eval / BEIR convention):
    /// DCG@k = Σ_{rank=1..k} rel(rank) / log2(rank + 1); IDCG@k is the DCG of the judged grades sorted descending.
    /// </summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance, int k)
    {
        double ideal = DiscountedGain(relevance.Values.OrderDescending().Take(k));
        if (ideal == 0)
        {
            return 0;
        }

        double actual = DiscountedGain(ranked.Take(k).Select(id => relevance.GetValueOrDefault(id)));
        return actual / ideal;
    }

    private static double DiscountedGain(IEnumerable<int> gainsInRankOrder)
    {
        double sum = 0;
        int rank = 1;
        foreach (int gain in gainsInRankOrder)
        {
            sum += gain / Math.Log2(rank + 1);
            rank++;
        }

        return sum;
    }
}
