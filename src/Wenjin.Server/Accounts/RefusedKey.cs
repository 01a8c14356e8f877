namespace Wenjin.Server.Accounts;

/// <summary>Why a request's API key was refused, kept for the 401 answer.</summary>
internal sealed record RefusedKey(string Reason);
