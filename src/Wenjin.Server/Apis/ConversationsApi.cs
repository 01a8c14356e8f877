using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Conversations;
using Wenjin.Server.Audit;

namespace Wenjin.Server.Apis;

/// <summary>/api/kbs/{kb}/conversations: the stored history of questions asked through the API.</summary>
public static class ConversationsApi
{
    public static void MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kbs/{kb}/conversations").WithTags("Conversations");
        group.MapGet("/", List).WithSummary("Conversations, newest first.").ProducesProblem(404);
        group.MapGet("/{id}", Get).WithSummary("One conversation with its turns.").ProducesProblem(404);
        group.MapDelete("/{id}", Delete).WithSummary("Delete one of your conversations.").Audited("conversation.delete").ProducesProblem(404);
    }

    private static async Task<Ok<IReadOnlyList<ConversationSummary>>> List(string kb, IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.ListConversationsAsync(kb, cancellationToken));

    private static async Task<Ok<Conversation>> Get(string kb, string id, IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.GetConversationAsync(kb, id, cancellationToken));

    private static async Task<NoContent> Delete(string kb, string id, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        await knowledge.DeleteConversationAsync(kb, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
