namespace Wenjin.Conversations;

/// <summary>A conversation with its turns, oldest first. The title is its first question.</summary>
public sealed record Conversation(string Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<ConversationTurn> Turns);
