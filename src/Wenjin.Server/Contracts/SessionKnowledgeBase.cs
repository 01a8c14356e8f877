using Wenjin.Access;

namespace Wenjin.Server.Contracts;

/// <summary>One knowledge base the caller can see, with their effective role and download permission.</summary>
public sealed record SessionKnowledgeBase(string Kb, KnowledgeBaseRole Role, bool MayDownload);
