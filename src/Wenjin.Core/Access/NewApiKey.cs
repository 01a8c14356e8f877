namespace Wenjin.Access;

/// <summary>What is stored for a new key: the public prefix that finds it and the hash of its secret part.</summary>
public sealed record NewApiKey(long UserId, string Name, string Prefix, string SecretHash)
{
    public IReadOnlyList<string>? Kbs { get; init; }

    public bool ReadOnly { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }
}
