using Wenjin.Access;

namespace Wenjin.Server.Contracts;

/// <summary>Body of PATCH /api/users/{user} (admin): only the fields present change.</summary>
public sealed record UpdateUserRequest(SystemRole? Role, string? Password, bool? Disabled);
