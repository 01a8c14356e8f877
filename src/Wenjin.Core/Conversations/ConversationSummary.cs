namespace Wenjin.Conversations;

/// <summary>A conversation in a list: no turns, only their count.</summary>
public sealed record ConversationSummary(string Id, string Title, int TurnCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
