namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/groups/{group}/members (admin).</summary>
public sealed record GroupMemberRequest(string User);
