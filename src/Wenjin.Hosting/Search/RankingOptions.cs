namespace Wenjin.Hosting.Search;

/// <summary>
/// Parameters of <see cref="ChunkRanker"/>. Defaults were chosen on the development benchmarks (see README, Benchmarks);
/// change them only with a benchmark run that shows the effect.
/// </summary>
public sealed record RankingOptions
{
    /// <summary>BM25 term-frequency saturation.</summary>
    public double K1 { get; init; } = 1.2;

    /// <summary>BM25 length normalisation of the body field.</summary>
    public double BodyB { get; init; } = 0.75;

    /// <summary>Length normalisation of the heading and title fields (short fields, mild normalisation).</summary>
    public double ShortFieldB { get; init; } = 0.3;

    public double TitleBoost { get; init; } = 2.0;

    public double HeadingBoost { get; init; } = 1.5;

    public double BodyBoost { get; init; } = 1.0;

    /// <summary>Bonus per pair of consecutive query words found next to each other in the body, times the pair's smaller idf.</summary>
    public double ProximityWeight { get; init; } = 0.35;

    /// <summary>Largest token distance between two query words that still counts as "next to each other".</summary>
    public int ProximityWindow { get; init; } = 3;

    /// <summary>Bonus for the idf-weighted share of query terms the chunk contains, squared, times the query's mean idf.</summary>
    public double CoverageWeight { get; init; } = 1.0;

    /// <summary>
    /// Bonus for the share of the question's adjacent Chinese character pairs found verbatim in the chunk, squared,
    /// times the query's mean idf: restores the adjacency that word segmentation loses when question and document
    /// are segmented differently.
    /// </summary>
    public double BigramWeight { get; init; } = 2.0;

    /// <summary>How many candidates the store returns for re-ranking.</summary>
    public int CandidateLimit { get; init; } = 100;

    public static RankingOptions Default { get; } = new();
}
