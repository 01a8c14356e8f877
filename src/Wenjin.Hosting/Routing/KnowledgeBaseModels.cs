using Microsoft.Extensions.AI;
using Wenjin.Hosting.Answering.Generation;
using Wenjin.Hosting.Conversations;
using Wenjin.Hosting.Models;

namespace Wenjin.Hosting.Routing;

/// <summary>
/// The models one knowledge base uses (the global ones, or its own from Wenjin:KnowledgeBases:NAME): each null when
/// not configured, which keeps that part model-free.
/// </summary>
internal sealed record KnowledgeBaseModels
{
    public static KnowledgeBaseModels None { get; } = new();

    /// <summary>The chat model's name (for display), or null.</summary>
    public string? ChatModel { get; init; }

    public GeneratedAnswerer? Generator { get; init; }

    public ModelQuestionRewriter? Rewriter { get; init; }

    public KnowledgeBaseEmbeddings? Embeddings { get; init; }

    /// <summary>The reranker, the number of best chunks it reorders, and its name (for explanations).</summary>
    public (IReranker Reranker, int Top, string Name)? Reranker { get; init; }

    public IChatClient? Chat { get; init; }

    /// <summary>The settings <see cref="Chat"/> was built with (null when there is no chat model).</summary>
    public ChatModelOptions? ChatOptions { get; init; }
}
