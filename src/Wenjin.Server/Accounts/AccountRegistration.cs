using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Wenjin.Errors;
using Wenjin.Hosting;
using Wenjin.Hosting.Access;

namespace Wenjin.Server.Accounts;

/// <summary>
/// Accounts in the server: who a request is (session cookie or API key), the <see cref="Caller"/> resolved once per
/// request, and the <see cref="IKnowledgeBase"/> endpoints receive, which is the façade as that caller may use it.
/// Every endpoint requires a signed-in caller unless it says otherwise (the UI's files, the API description, sign-in).
/// </summary>
public static class AccountRegistration
{
    public const string PolicyScheme = "Wenjin";

    public const string CookieName = "wenjin.session";

    public static void AddWenjinAccounts(this WebApplicationBuilder builder)
    {
        var options = new AccountOptions();
        builder.Configuration.GetSection(AccountOptions.Section).Bind(options);
        builder.Services.Configure<AccountOptions>(builder.Configuration.GetSection(AccountOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        if (!options.Enabled)
        {
            RequireLoopback(builder.Configuration);
            builder.Services.AddSingleton<IKnowledgeBase>(services => services.GetRequiredService<KnowledgeBaseService>());
            return;
        }

        builder.Services.AddSingleton(services => new AccountService(
            services.GetRequiredService<KnowledgeBaseService>().Accounts,
            services.GetRequiredService<KnowledgeBaseService>().Exists,
            services.GetRequiredService<IOptions<AccountOptions>>(),
            services.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<FirstAdmin>();
        // Session cookies are sealed with keys kept in the data directory, so sessions survive a restart.
        builder.Services.AddDataProtection();
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<ServerOptions>, ILoggerFactory>((keys, server, loggers) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(server.Value.Data, "protection-keys")), loggers));
        builder.Services
            .AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "Session or API key", scheme =>
                scheme.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.HasBearer(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = options.SessionIdle;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = ValidateSessionAsync;
                cookie.Events.OnRedirectToLogin = context => Errors.ProblemResponse.WriteAsync(context.HttpContext, Unauthenticated(context.HttpContext));
                cookie.Events.OnRedirectToAccessDenied = context => Errors.ProblemResponse.WriteAsync(
                    context.HttpContext, new WenjinException(WenjinErrorKind.Forbidden, "You may not do this."));
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IKnowledgeBase>(services =>
        {
            var context = services.GetRequiredService<IHttpContextAccessor>().HttpContext
                ?? throw new InvalidOperationException("The access-controlled knowledge base is only available inside a request.");
            var caller = context.Features.Get<Caller>() ?? throw Unauthenticated(context);
            var service = services.GetRequiredService<KnowledgeBaseService>();
            return new AccessControlledKnowledgeBase(service, service.Accounts, caller);
        });
    }

    /// <summary>
    /// Authentication (which also resolves the request's <see cref="Caller"/>: the session check or the key check
    /// loads the user once and keeps the caller), then authorization: call before mapping endpoints.
    /// </summary>
    public static void UseWenjinAccounts(this WebApplication app)
    {
        if (app.Services.GetService<AccountService>() is null)
        {
            return;
        }

        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>Whether the server runs with accounts (the account endpoints are mapped only then).</summary>
    public static bool HasAccounts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.ServiceProvider.GetService<AccountService>() is not null;
    }

    /// <summary>The 401 answer: why the request is not signed in and what to do.</summary>
    public static WenjinException Unauthenticated(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string detail = context.Items[typeof(RefusedKey)] is RefusedKey refused
            ? refused.Reason
            : "Sign in (POST /api/auth/login) or send an API key as 'Authorization: Bearer <key>'.";
        return new WenjinException(WenjinErrorKind.Unauthenticated, detail);
    }

    /// <summary>
    /// A session ends when its user is gone or disabled or their password changed since it was signed in; a valid one
    /// gives the request its <see cref="Caller"/> from the user just read.
    /// </summary>
    private static Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<AccountService>();
        string? name = context.Principal?.Identity?.Name;
        var credentials = name is null ? null : accounts.Store.FindUser(name);
        bool valid = credentials is { User.Disabled: false }
            && WenjinClaims.UserId(context.Principal!) == credentials.User.Id
            && context.Principal!.FindFirst(WenjinClaims.Stamp)?.Value == AccountService.SessionStamp(credentials);
        if (!valid)
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }

        context.HttpContext.Features.Set(accounts.CallerFor(credentials!.User));
        return Task.CompletedTask;
    }

    /// <summary>Without accounts anyone who reaches the server is an administrator: only a server on loopback may run so.</summary>
    private static void RequireLoopback(IConfiguration configuration)
    {
        string urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? WenjinServer.DefaultUrl;
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string host = Uri.TryCreate(url.Replace("*", "wildcard", StringComparison.Ordinal).Replace("+", "wildcard", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Host : url;
            if (host is not ("127.0.0.1" or "localhost" or "[::1]"))
            {
                throw WenjinException.Invalid($"Wenjin:Accounts:Enabled is false, so anyone reaching the server would be an administrator, but it would listen on {url}. Listen on 127.0.0.1 only, or enable accounts.");
            }
        }
    }
}
