namespace Wenjin.Answers;

/// <summary>
/// What verification did to a generated answer: how many sentences the model wrote, how many were kept because a cited
/// passage supports them, and each dropped (or, when marking, flagged) sentence with the reason.
/// </summary>
public sealed record AnswerVerification(int Sentences, int Kept, IReadOnlyList<UnsupportedSentence> Dropped)
{
    /// <summary>True when unsupported sentences were kept in the answer and only flagged (instead of removed).</summary>
    public bool Marked { get; init; }

    /// <summary>The model's answer before verification.</summary>
    public string? Draft { get; init; }
}
