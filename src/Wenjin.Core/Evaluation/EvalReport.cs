namespace Wenjin.Evaluation;

/// <summary>
/// Results of running a QA set. Hit rates count answerable questions whose quote lies in the top-k retrieved chunks;
/// accuracy counts answerable questions answered (not refused) with an answer containing the gold answer.
/// </summary>
public sealed record EvalReport
{
    public int Questions { get; init; }

    public int Answerable { get; init; }

    public int Unanswerable { get; init; }

    public double HitAt1 { get; init; }

    public double HitAt5 { get; init; }

    public double HitAt10 { get; init; }

    public double Mrr { get; init; }

    public double AnswerAccuracy { get; init; }

    /// <summary>Accuracy over answerable questions whose quote was retrieved in the top 10.</summary>
    public double AnswerAccuracyWhenRetrieved { get; init; }

    /// <summary>Share of unanswerable questions that were refused (higher is better).</summary>
    public double RefusalRate { get; init; }

    /// <summary>Share of answerable questions that were refused (lower is better).</summary>
    public double FalseRefusalRate { get; init; }

    public double CitationAccuracy { get; init; }

    public double MeanAskMs { get; init; }

    public IReadOnlyList<EvalItemResult> Items { get; init; } = [];
}
