using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wenjin.Hosting.Embeddings;
using Wenjin.Hosting.Routing;

namespace Wenjin.Hosting.Search;

/// <summary>
/// Retrieval with whatever models a knowledge base has: lexical only without an embedding model (or before its chunks
/// have vectors); with one, the question is embedded, searched in the knowledge base's vector index and the two
/// rankings fused. When the embedding call fails the retrieval falls back to lexical (logged), so search and ask keep
/// working while a model server is down.
/// </summary>
internal sealed class HybridRetriever
{
    private readonly ChunkRetriever _retriever;
    private readonly KnowledgeBaseVectorIndexes _indexes;
    private readonly HybridSearchOptions _options;
    private readonly ILogger _logger;

    public HybridRetriever(ChunkRetriever retriever, KnowledgeBaseVectorIndexes indexes, HybridSearchOptions options, ILogger? logger = null)
    {
        _retriever = retriever;
        _indexes = indexes;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
    }

    public ChunkRetriever Lexical => _retriever;

    /// <summary>The best chunks for <paramref name="text"/> in <paramref name="kb"/>, at most <paramref name="top"/>, best first.</summary>
    public async Task<Retrieval> RetrieveAsync(string kb, string text, int top, bool explain, KnowledgeBaseModels models, CancellationToken cancellationToken)
    {
        var query = _retriever.Analyze(text);
        var vectors = await MatchAsync(kb, text, models, cancellationToken).ConfigureAwait(false);
        return _retriever.Retrieve(kb, query, top, explain, vectors);
    }

    /// <summary>The question's vector matches, or null (no embedding model, no vectors yet, or the model failed).</summary>
    public async Task<VectorMatches?> MatchAsync(string kb, string text, KnowledgeBaseModels models, CancellationToken cancellationToken)
    {
        if (models.Embeddings is not { } embeddings || !_indexes.HasVectors(kb, embeddings.Model))
        {
            return null;
        }

        try
        {
            string input = string.IsNullOrEmpty(_options.QueryInstruction) ? text : _options.QueryInstruction + text;
            var vector = await embeddings.Generator.GenerateVectorAsync(input, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new VectorMatches(embeddings.Model, _indexes.Search(kb, embeddings.Model, vector.Span, _options.VectorCandidates));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "Embedding the question failed for knowledge base {KnowledgeBase}; searching without vectors", kb);
            return null;
        }
    }
}
