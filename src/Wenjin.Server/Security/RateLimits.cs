using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Wenjin.Hosting.Access;

namespace Wenjin.Server.Security;

/// <summary>
/// ASP.NET Core's rate limiter over the API: a token bucket per API key, per user (all their sessions together), or
/// per client address for requests not signed in, refilled every second with a burst of ten seconds' worth; and a
/// fixed window on sign-ins per client address. A refused request gets 429 problem details with Retry-After.
/// The UI's static files are not limited.
/// </summary>
public static class RateLimits
{
    public const string SignInPolicy = "sign-in";

    public static void AddWenjinRateLimits(this WebApplicationBuilder builder)
    {
        var options = new RateLimitOptions();
        builder.Configuration.GetSection(RateLimitOptions.Section).Bind(options);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (options.RequestsPerMinute <= 0 || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                return RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(10, options.RequestsPerMinute / 6),
                    TokensPerPeriod = Math.Max(1, (options.RequestsPerMinute + 59) / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.AddPolicy(SignInPolicy, context => options.SignInsPerMinute <= 0
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetFixedWindowLimiter("ip:" + context.Connection.RemoteIpAddress, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SignInsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = RejectAsync;
        });
    }

    private static string PartitionOf(HttpContext context) => context.Features.Get<Caller>() switch
    {
        { Key: { } key } => "key:" + key.Prefix,
        { } caller => "user:" + caller.User.Id.ToString(CultureInfo.InvariantCulture),
        null => "ip:" + context.Connection.RemoteIpAddress,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        int seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"Too many requests from this user, key or address; try again in {seconds} s.",
        };
        problem.Extensions["kind"] = "rateLimited";
        await response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", cancellationToken);
    }
}
