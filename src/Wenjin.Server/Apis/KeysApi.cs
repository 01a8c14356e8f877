using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Server.Accounts;
using Wenjin.Server.Audit;
using Wenjin.Server.Contracts;

namespace Wenjin.Server.Apis;

/// <summary>/api/keys: the caller's personal API keys (shown once at creation, stored hashed, expiring, revocable).</summary>
public static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder app)
    {
        if (!app.HasAccounts())
        {
            return;
        }

        var group = app.MapGroup("/api/keys").WithTags("Accounts");
        group.MapGet("/", List).WithSummary("Your API keys (never the keys themselves), newest first.");
        group.MapPost("/", Create)
            .WithSummary("Create an API key, optionally limited to some knowledge bases (kbs) and read-only, expiring after expiresInDays (default 90). The key is in the answer only.")
            .Audited("key.create").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        group.MapDelete("/{id:long}", Revoke).WithSummary("Revoke one of your API keys.").Audited("key.revoke").ProducesProblem(404);
    }

    private static Ok<IReadOnlyList<ApiKeyInfo>> List(HttpContext context, AccountService accounts) =>
        TypedResults.Ok(accounts.Store.ListKeys(RequestCaller.Of(context).User.Id));

    private static Created<CreatedApiKey> Create(CreateKeyRequest request, HttpContext context, AccountService accounts)
    {
        var caller = RequestCaller.Of(context);
        var (secret, info) = accounts.CreateKey(caller, request.Name ?? string.Empty, request.Kbs, request.ReadOnly, request.ExpiresInDays);
        AuditNote.Of(context).Detail = $"{info.Name} ({info.Prefix}){(info.ReadOnly ? ", read-only" : string.Empty)}{(info.Kbs is null ? string.Empty : ", kbs: " + string.Join(", ", info.Kbs))}";
        return TypedResults.Created("/api/keys", new CreatedApiKey(secret.Value, info));
    }

    private static NoContent Revoke(long id, HttpContext context, AccountService accounts)
    {
        var caller = RequestCaller.Of(context);
        AuditNote.Of(context).Detail = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return accounts.Store.RevokeKey(caller.User.Id, id)
            ? TypedResults.NoContent()
            : throw WenjinException.NotFound($"You have no active API key with id {id}.");
    }
}
