namespace Wenjin.Hosting.Answering;

/// <summary>
/// Parameters of extractive answering and refusal. The thresholds were calibrated on answerable and unanswerable
/// questions (Chinese SQuAD 2.0 dev, see README); change them only with an evaluation run that shows the effect.
/// </summary>
public sealed record AnswerOptions
{
    /// <summary>How many top-ranked chunks are read for answer sentences.</summary>
    public int PassagesRead { get; init; } = 4;

    /// <summary>How many closest passages a refusal cites.</summary>
    public int RefusalCitations { get; init; } = 3;

    /// <summary>
    /// Refuse when the best chunk contains less than this share of the question's idf weight: the asked-for entity
    /// or attribute is missing from the evidence.
    /// </summary>
    public double MinChunkCoverage { get; init; } = 0.5;

    /// <summary>
    /// A best passage below <see cref="MinChunkCoverage"/> is still accepted when it contains at least this share of
    /// the question's adjacent character pairs: the words are there, only segmented differently. Above 1 disables it.
    /// </summary>
    public double PairShareOverride { get; init; } = 0.5;

    /// <summary>Refuse when the chosen sentence itself contains less than this share of the question's idf weight.</summary>
    public double MinSentenceCoverage { get; init; } = 0.3;

    /// <summary>Refuse a 多少/何时 question whose chosen sentence has no number / date.</summary>
    public bool RequireAnswerType { get; init; }

    /// <summary>Weight of the sentence's own coverage of the question in sentence selection.</summary>
    public double SentenceCoverageWeight { get; init; } = 1.0;

    /// <summary>Weight of the chunk's rank (1 for the first, decaying) in sentence selection.</summary>
    public double ChunkRankWeight { get; init; } = 0.35;

    /// <summary>Weight of "the sentence has the kind of thing asked for" (a number for 多少, a date for 何时 …).</summary>
    public double AnswerTypeWeight { get; init; } = 0.3;

    public static AnswerOptions Default { get; } = new();
}
