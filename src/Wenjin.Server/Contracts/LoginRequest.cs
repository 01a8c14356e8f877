namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/auth/login.</summary>
public sealed record LoginRequest(string User, string Password);
