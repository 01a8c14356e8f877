using Wenjin.Access;

namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/users (admin).</summary>
public sealed record CreateUserRequest(string User, string Password, SystemRole Role = SystemRole.Member);
