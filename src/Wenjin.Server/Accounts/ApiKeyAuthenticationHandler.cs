using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Wenjin.Hosting.Access;

namespace Wenjin.Server.Accounts;

/// <summary>
/// Authenticates "Authorization: Bearer wj_…" with <see cref="AccountService.ResolveKey"/>. The resolved
/// <see cref="Caller"/> (with the key's narrowing) is kept for the request so it is not looked up twice.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "ApiKey";

    private readonly AccountService _accounts;

    public ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
        : base(options, logger, encoder)
    {
        _accounts = accounts;
    }

    /// <summary>Whether the request carries a bearer token (then this scheme, not the cookie, decides who it is).</summary>
    public static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!HasBearer(Request))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string value = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        var (caller, refusal) = _accounts.ResolveKey(value);
        if (caller is null)
        {
            Context.Items[typeof(RefusedKey)] = new RefusedKey(refusal!);
            return Task.FromResult(AuthenticateResult.Fail(refusal!));
        }

        Context.Features.Set(caller);
        var principal = WenjinClaims.For(caller.User, SchemeName, keyPrefix: caller.Key!.Prefix);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Errors.ProblemResponse.WriteAsync(Context, AccountRegistration.Unauthenticated(Context));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Errors.ProblemResponse.WriteAsync(Context, new Wenjin.Errors.WenjinException(Wenjin.Errors.WenjinErrorKind.Forbidden, "This API key may not do this."));
}
