using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Access;
using Wenjin.Hosting;
using Wenjin.Server.Accounts;

namespace Wenjin.Server.Apis;

/// <summary>/api/audit (administrators): the append-only audit log, newest first, paged by id.</summary>
public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        if (!app.HasAccounts())
        {
            return;
        }

        app.MapGet("/api/audit", List).WithTags("Accounts")
            .WithSummary("Audit entries, newest first: before (an id) pages back, limit (≤ 1000), and exact filters actor, kb, action (admin).")
            .ProducesProblem(403);
    }

    private static Ok<IReadOnlyList<AuditEntry>> List(HttpContext context, KnowledgeBaseService service, long? before, int? limit, string? actor, string? kb, string? action)
    {
        RequestCaller.Of(context).RequireAdmin(change: false);
        return TypedResults.Ok(service.Audit.List(new AuditQuery { Before = before, Limit = limit ?? 100, Actor = actor, Kb = kb, Action = action }));
    }
}
