using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Server.Audit;
using Wenjin.Server.Contracts;
using Wenjin.Storage;

namespace Wenjin.Server.Apis;

/// <summary>/api/kbs: list, create, show and delete knowledge bases.</summary>
public static class KnowledgeBasesApi
{
    public static void MapKnowledgeBasesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/kbs").WithTags("Knowledge bases");
        group.MapGet("/", List).WithSummary("All knowledge bases with their counts.");
        group.MapPost("/", Create).WithSummary("Create a knowledge base (409 when the name is taken).").Audited("kb.create").ProducesProblem(400).ProducesProblem(409);
        group.MapGet("/{kb}", Get).WithSummary("One knowledge base.").ProducesProblem(404);
        group.MapGet("/{kb}/embeddings", Embeddings).WithSummary("How far the chunk embeddings are (model, embedded / chunks, stale, last error).").ProducesProblem(404);
        group.MapDelete("/{kb}", Delete).WithSummary("Delete a knowledge base and everything in it (owner).").Audited("kb.delete").ProducesProblem(403).ProducesProblem(404);
    }

    private static async Task<Ok<IReadOnlyList<KnowledgeBaseInfo>>> List(IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.ListAsync(cancellationToken));

    private static async Task<Created<KnowledgeBaseInfo>> Create(CreateKnowledgeBaseRequest request, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        var created = await knowledge.CreateAsync(request.Name, request.Description, cancellationToken);
        return TypedResults.Created($"/api/kbs/{Uri.EscapeDataString(created.Name)}", created);
    }

    private static async Task<Ok<KnowledgeBaseInfo>> Get(string kb, IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.GetAsync(kb, cancellationToken));

    private static async Task<Ok<EmbeddingStatus>> Embeddings(string kb, IKnowledgeBase knowledge, CancellationToken cancellationToken) =>
        TypedResults.Ok(await knowledge.GetEmbeddingStatusAsync(kb, cancellationToken));

    private static async Task<NoContent> Delete(string kb, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        await knowledge.DeleteAsync(kb, cancellationToken);
        return TypedResults.NoContent();
    }
}
