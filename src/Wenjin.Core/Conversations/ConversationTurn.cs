using Wenjin.Answers;

namespace Wenjin.Conversations;

/// <summary>
/// One question and its answer in a conversation. <see cref="ResolvedQuestion"/> is what retrieval searched for: the
/// question itself, or a follow-up completed with the previous turn's key terms.
/// </summary>
public sealed record ConversationTurn(string Question, string ResolvedQuestion, string Answer, bool Refused, IReadOnlyList<Citation> Citations, DateTimeOffset CreatedAt);
