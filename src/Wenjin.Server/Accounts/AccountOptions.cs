namespace Wenjin.Server.Accounts;

/// <summary>Accounts settings: section "Wenjin:Accounts", plus the first admin's password "Wenjin:Admin:Password".</summary>
public sealed class AccountOptions
{
    public const string Section = "Wenjin:Accounts";

    /// <summary>
    /// Whether callers must sign in (the default). Off, every caller acts as an administrator: allowed only while the
    /// server listens on loopback addresses alone, for a single user on their own machine.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a sign-in lasts without activity (the session cookie slides).</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Expiry of a new API key when the request names none.</summary>
    public int KeyDaysDefault { get; set; } = 90;

    /// <summary>Longest expiry an API key may be given.</summary>
    public int KeyDaysMax { get; set; } = 365;

    /// <summary>Shortest password accepted for a user.</summary>
    public int MinPasswordLength { get; set; } = 8;
}
