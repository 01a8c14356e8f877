namespace Wenjin.Access;

/// <summary>A user with the stored password hash, for verifying a sign-in; never leaves the server.</summary>
public sealed record UserCredentials(UserAccount User, string PasswordHash);
