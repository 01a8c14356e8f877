namespace Wenjin.Answers;

/// <summary>The next piece of the answer text.</summary>
public sealed record AnswerDelta(string Text) : AnswerUpdate;
