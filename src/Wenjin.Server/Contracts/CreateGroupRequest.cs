namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/groups (admin).</summary>
public sealed record CreateGroupRequest(string Name);
