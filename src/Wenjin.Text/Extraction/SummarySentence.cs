namespace Wenjin.Text.Extraction;

/// <summary>
/// A sentence chosen for a summary: <see cref="Text"/> reads it without the line breaks it was printed with,
/// <see cref="Span"/> quotes it verbatim, <see cref="Score"/> is its TextRank score (higher is more central).
/// </summary>
public sealed record SummarySentence(string Text, TextSpan Span, double Score);
