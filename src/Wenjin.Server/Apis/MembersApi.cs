using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Server.Accounts;
using Wenjin.Server.Audit;
using Wenjin.Server.Contracts;

namespace Wenjin.Server.Apis;

/// <summary>/api/kbs/{kb}/members (owners and admins): who may use a knowledge base, with which role.</summary>
public static class MembersApi
{
    public static void MapMembersApi(this IEndpointRouteBuilder app)
    {
        if (!app.HasAccounts())
        {
            return;
        }

        var group = app.MapGroup("/api/kbs/{kb}/members").WithTags("Accounts");
        group.MapGet("/", List).WithSummary("The grants on a knowledge base (owner).").ProducesProblem(403).ProducesProblem(404);
        group.MapPost("/", Grant).WithSummary("Grant a user or group a role: owner, editor or viewer; mayDownload allows downloading originals (owner).")
            .Audited("member.grant").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        group.MapDelete("/{kind}/{name}", Revoke).WithSummary("Remove the grant of a user (kind 'user') or group (kind 'group') (owner).")
            .Audited("member.revoke").ProducesProblem(403).ProducesProblem(404);
    }

    private static Ok<IReadOnlyList<KnowledgeBaseGrant>> List(string kb, HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).Require(kb, KnowledgeBaseRole.Owner);
        return TypedResults.Ok(accounts.Store.ListGrants(kb));
    }

    private static Ok<KnowledgeBaseGrant> Grant(string kb, AddMemberRequest request, HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).Require(kb, KnowledgeBaseRole.Owner);
        var (kind, principal) = (request.User, request.Group) switch
        {
            ({ Length: > 0 } user, null) => (PrincipalKind.User, user),
            (null, { Length: > 0 } group) => (PrincipalKind.Group, group),
            _ => throw WenjinException.Invalid("Name either a \"user\" or a \"group\" to grant the role to."),
        };
        AuditNote.Of(context).Detail = $"{kind.ToString().ToLowerInvariant()} {principal}: {request.Role.ToString().ToLowerInvariant()}{(request.MayDownload ? " + download" : string.Empty)}";
        return TypedResults.Ok(accounts.Store.SetGrant(kb, kind, principal, request.Role, request.MayDownload));
    }

    private static NoContent Revoke(string kb, string kind, string name, HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).Require(kb, KnowledgeBaseRole.Owner);
        var principalKind = kind switch
        {
            "user" => PrincipalKind.User,
            "group" => PrincipalKind.Group,
            _ => throw WenjinException.Invalid($"'{kind}' is neither 'user' nor 'group'."),
        };
        AuditNote.Of(context).Detail = $"{kind} {name}";
        return accounts.Store.RemoveGrant(kb, principalKind, name)
            ? TypedResults.NoContent()
            : throw WenjinException.NotFound($"The {kind} '{name}' has no grant on '{kb}'.");
    }
}
