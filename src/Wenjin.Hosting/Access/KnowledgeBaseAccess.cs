using Wenjin.Access;

namespace Wenjin.Hosting.Access;

/// <summary>What a caller may do in one knowledge base: the highest of their grants, and whether any grant allows downloads.</summary>
public sealed record KnowledgeBaseAccess(KnowledgeBaseRole Role, bool MayDownload)
{
    public bool Allows(KnowledgeBaseRole needed) => Role >= needed;
}
