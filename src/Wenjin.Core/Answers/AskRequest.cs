namespace Wenjin.Answers;

/// <summary>
/// A question, optionally continuing a conversation. Without <see cref="ConversationId"/> the question stands alone
/// (and, when <see cref="Remember"/> is true, starts a new stored conversation).
/// </summary>
public sealed record AskRequest(string Question)
{
    public string? ConversationId { get; init; }

    /// <summary>Store the turn in a conversation (the server does; the command line's one-off asks do not).</summary>
    public bool Remember { get; init; }
}
