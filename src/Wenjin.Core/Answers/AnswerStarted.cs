namespace Wenjin.Answers;

/// <summary>The question as retrieval will use it, and the conversation the turn belongs to (null when not remembered).</summary>
public sealed record AnswerStarted(string? ConversationId, string ResolvedQuestion) : AnswerUpdate;
