using Wenjin.Access;
using Wenjin.Hosting;
using Wenjin.Hosting.Access;

namespace Wenjin.Server.Audit;

/// <summary>
/// Appends one audit entry per request to an endpoint marked with <see cref="AuditAction"/>, whatever its outcome
/// (refusals included): every endpoint that changes something is marked, and so are the reads that take data away
/// (downloads of originals, exports); so is any non-GET API request that matched no endpoint (probing). The entry
/// says who (user, key), what (the action), where (knowledge base, document), from where (client address) and how it
/// ended (HTTP status). Searches and questions are not audited: they are reads, and their volume would drown the changes.
/// </summary>
public static class AuditLogging
{
    /// <summary>Names the endpoint's audit action; reads (GET) are audited only when named.</summary>
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AuditAction(action));

    /// <summary>
    /// Call after routing and before the exception handler: the endpoint and route values are taken before the request
    /// runs (the exception handler clears them), the status after the exception handler has set it.
    /// </summary>
    public static void UseWenjinAudit(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            var values = new RouteValueDictionary(context.Request.RouteValues);
            try
            {
                await next(context);
            }
            finally
            {
                Append(context, endpoint, values);
            }
        });

    private static void Append(HttpContext context, Endpoint? endpoint, RouteValueDictionary values)
    {
        var named = endpoint?.Metadata.GetMetadata<AuditAction>();
        bool change = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || (named is null && (endpoint is not null || !change)))
        {
            return;
        }

        var caller = context.Features.Get<Caller>();
        var note = context.Features.Get<AuditNote>();
        string action = named?.Name ?? $"{context.Request.Method} {(endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value}";
        var entry = new AuditEntry(DateTimeOffset.UtcNow, note?.Actor ?? caller?.User.Name ?? "anonymous", action)
        {
            Key = caller?.Key?.Name is { } key ? $"{key} ({caller.Key.Prefix})" : null,
            Kb = values.TryGetValue("kb", out object? kb) ? kb as string : null,
            DocId = values.TryGetValue("id", out object? id) && (endpoint as RouteEndpoint)?.RoutePattern.RawText?.Contains("/documents/", StringComparison.Ordinal) == true ? id as string : null,
            Detail = note?.Detail,
            Remote = context.Connection.RemoteIpAddress?.ToString(),
            Status = context.Response.StatusCode,
        };
        context.RequestServices.GetRequiredService<KnowledgeBaseService>().Audit.Append(entry);
    }
}
