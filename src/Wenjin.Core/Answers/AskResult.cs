namespace Wenjin.Answers;

/// <summary>
/// An answer and its citations. When <see cref="Refused"/> is true the answer says the knowledge base does not contain
/// the answer and the citations are the closest passages.
/// </summary>
public sealed record AskResult(string Question, string Answer, bool Refused, double TookMs, IReadOnlyList<Citation> Citations)
{
    /// <summary>Why the answer was refused or how confident it is, for --explain style diagnostics.</summary>
    public string? Reason { get; init; }

    public double Confidence { get; init; }
}
