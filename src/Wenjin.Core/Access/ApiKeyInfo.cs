namespace Wenjin.Access;

/// <summary>
/// A personal API key as listed: never the key or its hash, only the first characters that identify it. The key acts
/// with its owner's grants at the moment of use, narrowed to <see cref="Kbs"/> when set and to reading when
/// <see cref="ReadOnly"/>; it cannot do more than its owner.
/// </summary>
public sealed record ApiKeyInfo(long Id, string User, string Name, string Prefix, DateTimeOffset CreatedAt)
{
    /// <summary>The knowledge bases the key is limited to; null means all of its owner's.</summary>
    public IReadOnlyList<string>? Kbs { get; init; }

    public bool ReadOnly { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; init; }
}
