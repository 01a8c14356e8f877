using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Wenjin.Answers;
using Wenjin.Server.Contracts;
using Wenjin.Server.Errors;

namespace Wenjin.Server.Apis;

/// <summary>
/// POST /api/kbs/{kb}/ask: a cited answer or an honest refusal, as JSON or, with Accept: text/event-stream, as
/// Server-Sent Events (meta, delta…, citations, done; error when something fails after the stream began). Every
/// question asked here is stored in a conversation (a new one unless conversationId is given).
/// </summary>
public static class AskApi
{
    public static void MapAskApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/kbs/{kb}/ask", Ask)
            .WithTags("Ask")
            .WithSummary("Answer a question with citations, or refuse; streams with Accept: text/event-stream.")
            .Produces<AskResult>(200, "application/json")
            .Produces(200, contentType: "text/event-stream")
            .ProducesProblem(400).ProducesProblem(404);

    private static async Task<Results<Ok<AskResult>, ServerSentEventsResult<object>>> Ask(
        string kb, AskRequestBody body, HttpRequest http, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        var request = new AskRequest(body.Question ?? string.Empty) { ConversationId = body.ConversationId, Remember = true };
        if (!WantsEventStream(http))
        {
            return TypedResults.Ok(await knowledge.AskAsync(kb, request, cancellationToken));
        }

        // The first step runs before the response starts, so a bad request (unknown knowledge base, empty question)
        // is still answered with its problem details and status instead of an event.
        var updates = knowledge.AskStreamingAsync(kb, request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        if (!await updates.MoveNextAsync())
        {
            throw new InvalidOperationException("The answer stream produced nothing.");
        }

        return TypedResults.ServerSentEvents(Events(updates));
    }

    private static bool WantsEventStream(HttpRequest http) =>
        http.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));

    private static async IAsyncEnumerable<SseItem<object>> Events(IAsyncEnumerator<AnswerUpdate> updates, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var _ = updates;
        while (true)
        {
            SseItem<object>[] items;
            try
            {
                items = ToEvents(updates.Current);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                items = [new SseItem<object>(ProblemExceptionHandler.ProblemFor(e), "error")];
            }

            foreach (var item in items)
            {
                yield return item;
            }

            bool more;
            SseItem<object>? failure = null;
            try
            {
                more = await updates.MoveNextAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                more = false;
                failure = new SseItem<object>(ProblemExceptionHandler.ProblemFor(e), "error");
            }

            if (failure is { } error)
            {
                yield return error;
            }

            if (!more || cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
        }
    }

    private static SseItem<object>[] ToEvents(AnswerUpdate update) => update switch
    {
        AnswerStarted started => [new SseItem<object>(started, "meta")],
        AnswerDelta delta => [new SseItem<object>(delta, "delta")],
        AnswerCompleted completed =>
        [
            new SseItem<object>(new StreamedCitations(completed.Result.Citations), "citations"),
            new SseItem<object>(completed.Result, "done"),
        ],
        _ => throw new InvalidOperationException($"Unknown answer update {update.GetType().Name}."),
    };
}
