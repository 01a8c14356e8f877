namespace Wenjin.Access;

/// <summary>A key's listing with its owner's id and the stored hash of its secret, for verifying a request; never leaves the server.</summary>
public sealed record StoredApiKey(ApiKeyInfo Key, long UserId, string SecretHash);
