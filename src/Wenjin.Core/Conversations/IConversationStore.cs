namespace Wenjin.Conversations;

/// <summary>
/// Stored conversations per knowledge base. Appending a turn is atomic; conversations disappear with their knowledge
/// base. Unknown knowledge base names throw NotFound; unknown conversation ids give null / false.
/// </summary>
public interface IConversationStore
{
    /// <summary>Creates an empty conversation and returns its id.</summary>
    string Create(string kb, string title);

    /// <summary>Appends a turn; throws NotFound when the conversation does not exist in that knowledge base.</summary>
    void Append(string kb, string conversationId, ConversationTurn turn);

    Conversation? Get(string kb, string conversationId);

    /// <summary>Newest first.</summary>
    IReadOnlyList<ConversationSummary> List(string kb);

    bool Delete(string kb, string conversationId);
}
