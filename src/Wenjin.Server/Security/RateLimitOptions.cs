namespace Wenjin.Server.Security;

/// <summary>Rate limits: section "Wenjin:RateLimits". Zero switches a limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Wenjin:RateLimits";

    /// <summary>API requests per minute per user, per API key, or per client address for callers not signed in.</summary>
    public int RequestsPerMinute { get; set; } = 1200;

    /// <summary>Sign-in attempts per minute per client address (guessing passwords).</summary>
    public int SignInsPerMinute { get; set; } = 10;
}
