using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Wenjin.Analysis;
using Wenjin.Hosting.Answering;
using Wenjin.Hosting.Answering.Generation;
using Wenjin.Hosting.Conversations;
using Wenjin.Hosting.Embeddings;
using Wenjin.Hosting.Models;
using Wenjin.Storage;

namespace Wenjin.Hosting.Routing;

/// <summary>
/// Gives each knowledge base its models: its own section under <see cref="WenjinOptions.KnowledgeBases"/> where there
/// is one, else the global <see cref="WenjinOptions.Chat"/> / <see cref="WenjinOptions.Embeddings"/>. Clients are built
/// once, at construction, per distinct configuration and shared by the knowledge bases that use it; this router owns
/// and disposes them. Read-only after construction, so lookups need no lock.
/// </summary>
internal sealed class ModelRouter : IDisposable
{
    private readonly IKnowledgeStore _store;
    private readonly IChunkVectorStore _vectors;
    private readonly AnswerExtractor _answers;
    private readonly FollowUpResolver _followUps;
    private readonly ITextAnalyzer _analyzer;
    private readonly WenjinOptions _options;
    private readonly ILoggerFactory? _loggers;
    private readonly Dictionary<ChatModelOptions, (IChatClient? Client, GeneratedAnswerer? Generator, ModelQuestionRewriter? Rewriter)> _chats = new();
    private readonly Dictionary<EmbeddingModelOptions, KnowledgeBaseEmbeddings?> _embeddings = new();
    private readonly Dictionary<RerankerOptions, IReranker?> _rerankers = new();
    private readonly KnowledgeBaseModels _global;
    private readonly Dictionary<string, KnowledgeBaseModels> _own;

    public ModelRouter(IKnowledgeStore store, IChunkVectorStore vectors, AnswerExtractor answers, FollowUpResolver followUps, ITextAnalyzer analyzer, WenjinOptions options, ILoggerFactory? loggers)
    {
        _store = store;
        _vectors = vectors;
        _answers = answers;
        _followUps = followUps;
        _analyzer = analyzer;
        _options = options;
        _loggers = loggers;

        // Built once (the options are immutable), so configuration errors (a bad URL) surface at start and a question
        // only looks its models up.
        _global = Build(null);
        _own = options.KnowledgeBases.Keys.ToDictionary(kb => kb, kb => Build(kb), StringComparer.Ordinal);
    }

    /// <summary>Whether any knowledge base has an embedding model (so the embedding worker has work to look for).</summary>
    public bool AnyEmbeddings =>
        _options.Embeddings.IsConfigured || _options.KnowledgeBases.Values.Any(kb => kb.Embeddings?.IsConfigured == true);

    /// <summary>The models of <paramref name="kb"/> (null: the global ones).</summary>
    public KnowledgeBaseModels For(string? kb) => kb is not null && _own.TryGetValue(kb, out var own) ? own : _global;

    private KnowledgeBaseModels Build(string? kb)
    {
        var own = kb is not null && _options.KnowledgeBases.TryGetValue(kb, out var found) ? found : null;
        var chatOptions = own?.Chat ?? _options.Chat;
        var embeddingOptions = own?.Embeddings ?? _options.Embeddings;
        var rerankerOptions = own?.Reranker ?? _options.Reranker;
        var reranker = Reranker(rerankerOptions);
        var chat = Chat(chatOptions);
        return new KnowledgeBaseModels
        {
            Chat = chat.Client,
            ChatModel = chat.Client is null ? null : chatOptions.Model,
            ChatOptions = chat.Client is null ? null : chatOptions,
            Generator = chat.Generator,
            Rewriter = chat.Rewriter,
            Embeddings = Embeddings(embeddingOptions),
            Reranker = reranker is null ? null : (reranker, Math.Max(2, rerankerOptions.Top), rerankerOptions.Model ?? rerankerOptions.BaseUrl!),
        };
    }

    public void Dispose()
    {
        foreach (var chat in _chats.Values)
        {
            chat.Client?.Dispose();
        }

        foreach (var embeddings in _embeddings.Values)
        {
            embeddings?.Generator.Dispose();
        }
    }

    /// <summary>The name vectors are recorded under: the model, and the requested dimension when one is set.</summary>
    public static string EmbeddingModelName(EmbeddingModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Dimensions is { } dimensions ? $"{options.Model}@{dimensions}" : options.Model!;
    }

    private (IChatClient? Client, GeneratedAnswerer? Generator, ModelQuestionRewriter? Rewriter) Chat(ChatModelOptions options)
    {
        if (_chats.TryGetValue(options, out var existing))
        {
            return existing;
        }

        var client = ModelClients.CreateChatClient(options, _loggers);
        var built = client is null
            ? (null, null, null)
            : (client,
               new GeneratedAnswerer(_store, client, options, _answers, new AnswerVerifier(_analyzer, _options.Verification)),
               new ModelQuestionRewriter(client, _followUps));
        _chats[options] = built;
        return built;
    }

    private IReranker? Reranker(RerankerOptions options)
    {
        if (!_rerankers.TryGetValue(options, out var reranker))
        {
            reranker = ModelClients.CreateReranker(options, _loggers);
            _rerankers[options] = reranker;
        }

        return reranker;
    }

    private KnowledgeBaseEmbeddings? Embeddings(EmbeddingModelOptions options)
    {
        if (_embeddings.TryGetValue(options, out var existing))
        {
            return existing;
        }

        var generator = ModelClients.CreateEmbeddingGenerator(options);
        KnowledgeBaseEmbeddings? built = null;
        if (generator is not null)
        {
            string model = EmbeddingModelName(options);
            built = new KnowledgeBaseEmbeddings(model, generator, new ChunkEmbedder(_vectors, generator, model, options.BatchSize, _options.Hybrid.EmbedConcurrency));
        }

        _embeddings[options] = built;
        return built;
    }
}
