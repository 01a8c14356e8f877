namespace Wenjin.Answers;

/// <summary>
/// One step of a streamed answer: first an <see cref="AnswerStarted"/>, then <see cref="AnswerDelta"/> pieces, then an
/// <see cref="AnswerCompleted"/> whose answer is the concatenation of the deltas and which carries the citations.
/// </summary>
public abstract record AnswerUpdate;
