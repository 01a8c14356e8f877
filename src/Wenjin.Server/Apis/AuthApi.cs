using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Hosting;
using Wenjin.Hosting.Access;
using Wenjin.Server.Accounts;
using Wenjin.Server.Audit;
using Wenjin.Server.Contracts;
using Wenjin.Server.Security;

namespace Wenjin.Server.Apis;

/// <summary>/api/auth: sign in (session cookie), sign out, who am I, change my password.</summary>
public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Accounts");
        group.MapGet("/me", Me).WithSummary("Who the caller is and which knowledge bases they reach with which role.").AllowAnonymous().ProducesProblem(401);
        if (!app.HasAccounts())
        {
            return;
        }

        group.MapPost("/login", Login)
            .WithSummary("Sign in with user name and password; answers with a session cookie (HttpOnly, SameSite=Strict).")
            .AllowAnonymous().RequireRateLimiting(RateLimits.SignInPolicy).Audited("auth.login").ProducesProblem(401).ProducesProblem(429);
        group.MapPost("/logout", (Func<HttpContext, Task<NoContent>>)Logout).WithSummary("End the session.").AllowAnonymous().Audited("auth.logout");
        group.MapPost("/password", ChangePassword).WithSummary("Change your own password (the session stays signed in, other sessions end).").Audited("auth.password").ProducesProblem(400).ProducesProblem(401);
    }

    private static async Task<Ok<SessionInfo>> Login(LoginRequest request, HttpContext context, AccountService accounts)
    {
        AuditNote.Of(context).Actor = request.User;
        var user = accounts.SignIn(request.User ?? string.Empty, request.Password ?? string.Empty);
        if (user is null)
        {
            AuditNote.Of(context).Detail = "failed";
            throw new WenjinException(WenjinErrorKind.Unauthenticated, "The user name or password is wrong (or the account is disabled).");
        }

        await SignInAsync(context, accounts, user);
        var caller = accounts.CallerFor(user);
        context.Features.Set(caller);
        return TypedResults.Ok(await DescribeAsync(caller, context.RequestServices.GetRequiredService<KnowledgeBaseService>(), context.RequestAborted));
    }

    private static async Task<NoContent> Logout(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<SessionInfo>> Me(HttpContext context, KnowledgeBaseService service, CancellationToken cancellationToken)
    {
        if (context.RequestServices.GetService<AccountService>() is null)
        {
            var all = await service.ListAsync(cancellationToken);
            return TypedResults.Ok(new SessionInfo("local", SystemRole.Admin, Accounts: false, [.. all.Select(kb => new SessionKnowledgeBase(kb.Name, KnowledgeBaseRole.Owner, MayDownload: true))]));
        }

        return TypedResults.Ok(await DescribeAsync(RequestCaller.Of(context), service, cancellationToken));
    }

    private static async Task<NoContent> ChangePassword(ChangePasswordRequest request, HttpContext context, AccountService accounts)
    {
        var caller = RequestCaller.Of(context);
        if (caller.Key is not null)
        {
            throw new WenjinException(WenjinErrorKind.Forbidden, "Passwords are changed in a session, not with an API key.");
        }

        if (accounts.SignIn(caller.User.Name, request.Current ?? string.Empty) is null)
        {
            throw WenjinException.Invalid("The current password is wrong.");
        }

        accounts.SetPassword(caller.User.Name, request.New ?? string.Empty);
        await SignInAsync(context, accounts, caller.User);
        return TypedResults.NoContent();
    }

    private static Task SignInAsync(HttpContext context, AccountService accounts, UserAccount user)
    {
        var credentials = accounts.Store.FindUser(user.Name) ?? throw WenjinException.NotFound($"User '{user.Name}' does not exist.");
        var principal = WenjinClaims.For(credentials.User, CookieAuthenticationDefaults.AuthenticationScheme, stamp: AccountService.SessionStamp(credentials));
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }

    private static async Task<SessionInfo> DescribeAsync(Caller caller, IKnowledgeBase service, CancellationToken cancellationToken)
    {
        var all = await service.ListAsync(cancellationToken);
        var visible = all
            .Select(kb => (kb.Name, Access: caller.AccessTo(kb.Name)))
            .Where(kb => kb.Access is not null)
            .Select(kb => new SessionKnowledgeBase(kb.Name, kb.Access!.Role, kb.Access.MayDownload))
            .ToArray();
        return new SessionInfo(caller.User.Name, caller.User.Role, Accounts: true, visible) { Key = caller.Key };
    }
}
