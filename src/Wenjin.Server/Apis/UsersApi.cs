using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Server.Accounts;
using Wenjin.Server.Audit;
using Wenjin.Server.Contracts;

namespace Wenjin.Server.Apis;

/// <summary>/api/users (administrators): list, create, change role / password / disabled, delete.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        if (!app.HasAccounts())
        {
            return;
        }

        var group = app.MapGroup("/api/users").WithTags("Accounts");
        group.MapGet("/", List).WithSummary("All users (admin).").ProducesProblem(403);
        group.MapPost("/", Create).WithSummary("Create a user (admin); role admin or member.").Audited("user.create").ProducesProblem(400).ProducesProblem(403).ProducesProblem(409);
        group.MapPatch("/{user}", Update).WithSummary("Change a user's role, password or disabled flag (admin).").Audited("user.update").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        group.MapDelete("/{user}", Delete).WithSummary("Delete a user with their grants and keys (admin).").Audited("user.delete").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
    }

    private static Ok<IReadOnlyList<UserAccount>> List(HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).RequireAdmin(change: false);
        return TypedResults.Ok(accounts.Store.ListUsers());
    }

    private static Created<UserAccount> Create(CreateUserRequest request, HttpContext context, AccountService accounts)
    {
        RequestCaller.Of(context).RequireAdmin(change: true);
        AuditNote.Of(context).Detail = $"{request.User} ({request.Role.ToString().ToLowerInvariant()})";
        var user = accounts.CreateUser(request.User ?? string.Empty, request.Password ?? string.Empty, request.Role);
        return TypedResults.Created($"/api/users/{Uri.EscapeDataString(user.Name)}", user);
    }

    private static Ok<UserAccount> Update(string user, UpdateUserRequest request, HttpContext context, AccountService accounts)
    {
        var caller = RequestCaller.Of(context);
        caller.RequireAdmin(change: true);
        var target = accounts.Store.FindUser(user)?.User ?? throw UnknownUser(user);
        var changes = new List<string>();
        if (request.Role is { } role && role != target.Role)
        {
            if (role != SystemRole.Admin)
            {
                RequireAnotherAdmin(caller.User, target, accounts, "take the admin role from");
            }

            accounts.Store.SetRole(target.Name, role);
            changes.Add("role " + role.ToString().ToLowerInvariant());
        }

        if (request.Disabled is { } disabled && disabled != target.Disabled)
        {
            if (disabled)
            {
                RequireAnotherAdmin(caller.User, target, accounts, "disable");
            }

            accounts.Store.SetDisabled(target.Name, disabled);
            changes.Add(disabled ? "disabled" : "enabled");
        }

        if (request.Password is { } password)
        {
            accounts.SetPassword(target.Name, password);
            changes.Add("password reset");
        }

        AuditNote.Of(context).Detail = $"{target.Name}: {string.Join(", ", changes)}";
        return TypedResults.Ok(accounts.Store.GetUser(target.Id) ?? throw UnknownUser(user));
    }

    private static NoContent Delete(string user, HttpContext context, AccountService accounts)
    {
        var caller = RequestCaller.Of(context);
        caller.RequireAdmin(change: true);
        var target = accounts.Store.FindUser(user)?.User ?? throw UnknownUser(user);
        RequireAnotherAdmin(caller.User, target, accounts, "delete");
        AuditNote.Of(context).Detail = target.Name;
        accounts.Store.DeleteUser(target.Name);
        return TypedResults.NoContent();
    }

    /// <summary>An administrator never locks themselves out, and the server always keeps one enabled administrator.</summary>
    private static void RequireAnotherAdmin(UserAccount caller, UserAccount target, AccountService accounts, string what)
    {
        if (target.Id == caller.Id)
        {
            throw new WenjinException(WenjinErrorKind.Conflict, $"You cannot {what} yourself; another administrator can.");
        }

        if (target.Role == SystemRole.Admin && !accounts.Store.ListUsers().Any(u => u.Role == SystemRole.Admin && !u.Disabled && u.Id != target.Id))
        {
            throw new WenjinException(WenjinErrorKind.Conflict, $"'{target.Name}' is the last enabled administrator; make another user admin first.");
        }
    }

    private static WenjinException UnknownUser(string name) => WenjinException.NotFound($"User '{name}' does not exist.");
}
