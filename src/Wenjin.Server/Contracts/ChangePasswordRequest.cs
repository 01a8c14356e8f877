namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/auth/password: the caller's current password and the new one.</summary>
public sealed record ChangePasswordRequest(string Current, string New);
