using Wenjin.Access;

namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/kbs/{kb}/members (owner): a grant to a user or (instead) a group; it replaces their earlier grant.</summary>
public sealed record AddMemberRequest(string? User, string? Group, KnowledgeBaseRole Role, bool MayDownload = false);
