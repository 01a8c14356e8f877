namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/keys: a name, optionally the knowledge bases it is limited to, read-only, and days until it expires.</summary>
public sealed record CreateKeyRequest(string Name, IReadOnlyList<string>? Kbs, bool ReadOnly = false, int? ExpiresInDays = null);
