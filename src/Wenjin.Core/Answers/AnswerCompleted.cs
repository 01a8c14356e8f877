namespace Wenjin.Answers;

/// <summary>The complete answer with its citations.</summary>
public sealed record AnswerCompleted(AskResult Result) : AnswerUpdate;
