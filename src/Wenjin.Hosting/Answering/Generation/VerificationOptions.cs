namespace Wenjin.Hosting.Answering.Generation;

/// <summary>How strictly <see cref="AnswerVerifier"/> checks a generated answer against the passages it cites.</summary>
public sealed record VerificationOptions
{
    /// <summary>
    /// Keep a sentence only when at least this share of its distinct content words (terms of the analyzer, without
    /// one-character Chinese words) occurs in the passages it cites. Between 0 and 1.
    /// </summary>
    public double MinOverlap { get; init; } = 0.5;

    /// <summary>
    /// Keep unsupported sentences in the answer, flagged with "⚠" and without citation markers, instead of removing
    /// them. They are still listed as dropped in the verification.
    /// </summary>
    public bool MarkUnsupported { get; init; }

    public static VerificationOptions Default { get; } = new();
}
