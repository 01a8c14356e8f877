using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Search;
using Wenjin.Server.Contracts;

namespace Wenjin.Server.Apis;

/// <summary>POST /api/kbs/{kb}/search: ranked chunks, each score explainable ("hit testing").</summary>
public static class SearchApi
{
    public static void MapSearchApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/kbs/{kb}/search", Search)
            .WithTags("Search")
            .WithSummary("Ranked chunks for a query; with explain, each score's explanation tree.")
            .ProducesProblem(400).ProducesProblem(404);

    private static async Task<Ok<SearchResult>> Search(string kb, SearchRequestBody body, IKnowledgeBase knowledge, CancellationToken cancellationToken)
    {
        var request = new SearchRequest(body.Query ?? string.Empty) { Top = body.Top ?? 10, Explain = body.Explain ?? false };
        return TypedResults.Ok(await knowledge.SearchAsync(kb, request, cancellationToken));
    }
}
