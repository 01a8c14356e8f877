namespace Wenjin.Hosting.Search;

/// <summary>How the lexical (BM25) ranking and the vector ranking are combined into one.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal-rank fusion: Σ 1/(k + rank) over the rankings a chunk appears in. Uses ranks only.</summary>
    Rrf,

    /// <summary>
    /// Weighted sum of min-max normalised scores: (1 − w) × lexical + w × cosine, each scaled to [0, 1] within its
    /// own result list (a chunk missing from a list gets 0 there).
    /// </summary>
    Weighted,
}
