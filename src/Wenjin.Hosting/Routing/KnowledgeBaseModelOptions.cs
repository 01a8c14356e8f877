using Wenjin.Hosting.Models;

namespace Wenjin.Hosting.Routing;

/// <summary>
/// One knowledge base's own models (Wenjin:KnowledgeBases:NAME:Chat / :Embeddings): a section given here replaces the
/// global one for that knowledge base; a section left out inherits it.
/// </summary>
public sealed record KnowledgeBaseModelOptions
{
    public ChatModelOptions? Chat { get; init; }

    public EmbeddingModelOptions? Embeddings { get; init; }

    public RerankerOptions? Reranker { get; init; }
}
