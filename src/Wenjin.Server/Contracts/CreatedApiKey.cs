using Wenjin.Access;

namespace Wenjin.Server.Contracts;

/// <summary>The answer to POST /api/keys: the key itself, shown this once, and its listing.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyInfo Info);
