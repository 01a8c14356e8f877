using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Server.Accounts;
using Wenjin.Server.Audit;
using Wenjin.Server.Contracts;

namespace Wenjin.Server.Apis;

/// <summary>/api/groups (administrators): groups of users, which knowledge bases can be granted to.</summary>
public static class GroupsApi
{
    public static void MapGroupsApi(this IEndpointRouteBuilder app)
    {
        if (!app.HasAccounts())
        {
            return;
        }

        var group = app.MapGroup("/api/groups").WithTags("Accounts");
        group.MapGet("/", List).WithSummary("All groups with their members (admin).").ProducesProblem(403);
        group.MapPost("/", Create).WithSummary("Create a group (admin).").Audited("group.create").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        group.MapDelete("/{name}", Delete).WithSummary("Delete a group and its grants (admin).").Audited("group.delete").ProducesProblem(403).ProducesProblem(404);
        group.MapPost("/{name}/members", AddMember).WithSummary("Add a user to a group (admin).").Audited("group.member.add").ProducesProblem(403).ProducesProblem(404);
        group.MapDelete("/{name}/members/{user}", RemoveMember).WithSummary("Remove a user from a group (admin).").Audited("group.member.remove").ProducesProblem(403).ProducesProblem(404);
    }

    private static Ok<IReadOnlyList<UserGroup>> List(HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).RequireAdmin(change: false);
        return TypedResults.Ok(accounts.Store.ListGroups());
    }

    private static Created<UserGroup> Create(CreateGroupRequest request, HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).RequireAdmin(change: true);
        AuditNote.Of(context).Detail = request.Name;
        var created = accounts.Store.CreateGroup(request.Name ?? string.Empty);
        return TypedResults.Created($"/api/groups/{Uri.EscapeDataString(created.Name)}", created);
    }

    private static NoContent Delete(string name, HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).RequireAdmin(change: true);
        AuditNote.Of(context).Detail = name;
        return accounts.Store.DeleteGroup(name) ? TypedResults.NoContent() : throw UnknownGroup(name);
    }

    private static Ok<UserGroup> AddMember(string name, GroupMemberRequest request, HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).RequireAdmin(change: true);
        AuditNote.Of(context).Detail = $"{request.User} → {name}";
        accounts.Store.AddGroupMember(name, request.User ?? string.Empty);
        return TypedResults.Ok(Find(accounts, name));
    }

    private static NoContent RemoveMember(string name, string user, HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).RequireAdmin(change: true);
        AuditNote.Of(context).Detail = $"{user} ← {name}";
        return accounts.Store.RemoveGroupMember(name, user) ? TypedResults.NoContent() : throw WenjinException.NotFound($"User '{user}' is not in group '{name}'.");
    }

    private static UserGroup Find(AccountService accounts, string name) =>
        accounts.Store.ListGroups().FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)) ?? throw UnknownGroup(name);

    private static WenjinException UnknownGroup(string name) => WenjinException.NotFound($"Group '{name}' does not exist.");
}
