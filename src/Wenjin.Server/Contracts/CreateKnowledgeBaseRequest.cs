namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/kbs.</summary>
public sealed record CreateKnowledgeBaseRequest(string Name, string? Description);
