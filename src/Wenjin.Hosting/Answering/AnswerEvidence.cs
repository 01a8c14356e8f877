using Wenjin.Analysis;
using Wenjin.Hosting.Search;

namespace Wenjin.Hosting.Answering;

/// <summary>
/// What answering found before deciding: the retrieval, how much of the question the best chunk covers, and the
/// sentences chosen as the answer (best first). A
/// <see cref="RefusalPolicy"/> decides from this alone, so refusal thresholds can be calibrated without re-running
/// retrieval.
/// </summary>
public sealed record AnswerEvidence(AnalyzedQuery Query, Retrieval Retrieval)
{
    /// <summary>Share of the question's idf weight found in the best chunk (0 when nothing was retrieved).</summary>
    public double BestChunkCoverage { get; init; }

    /// <summary>Share of the question's adjacent character pairs found in the best chunk (robust to segmentation).</summary>
    public double BestChunkPairShare { get; init; }

    /// <summary>The sentence that best answers the question; null when nothing was retrieved.</summary>
    public AnswerSentence? Chosen { get; init; }

    /// <summary>
    /// What the answer cites, in document order: the chosen sentence, preceded by its table's header row when it is a
    /// table row, and followed by its continuation for lists. Empty when nothing was retrieved.
    /// </summary>
    public IReadOnlyList<AnswerSentence> Sentences { get; init; } = [];
}
