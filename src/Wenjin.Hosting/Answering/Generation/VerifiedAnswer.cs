using Wenjin.Answers;

namespace Wenjin.Hosting.Answering.Generation;

/// <summary>
/// A generated answer after verification: <see cref="Answer"/> holds only supported sentences (and, when marking,
/// flagged ones), each followed by "[n]" markers numbered as <see cref="Citations"/>, whose quotes are verbatim spans of
/// the cited documents. When <see cref="Refused"/> is true the answer is the refusal sentence and there are no
/// citations: the caller cites the closest passages.
/// </summary>
public sealed record VerifiedAnswer(string Answer, IReadOnlyList<Citation> Citations, AnswerVerification Verification, bool Refused);
