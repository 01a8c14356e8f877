namespace Wenjin.Answers;

/// <summary>
/// A sentence of a generated answer that no cited passage supports. <see cref="Reason"/> is a stable code
/// ("no-citation", "unknown-citation", "unsupported-number", "unsupported-entity", "low-overlap");
/// <see cref="Detail"/> says what exactly was missing (e.g. the number "97%").
/// </summary>
public sealed record UnsupportedSentence(string Sentence, string Reason, string Detail);
