namespace Wenjin.Access;

/// <summary>A local user as listed (never with the password hash). Names are unique, case-insensitively.</summary>
public sealed record UserAccount(long Id, string Name, SystemRole Role, DateTimeOffset CreatedAt)
{
    /// <summary>A disabled user can neither sign in nor use their API keys.</summary>
    public bool Disabled { get; init; }
}
