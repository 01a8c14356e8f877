using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wenjin.Errors;
using Wenjin.Hosting.Embeddings;
using Wenjin.Hosting.Models;
using Wenjin.Hosting.Routing;
using Wenjin.Search;

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

    /// <summary>
    /// The best chunks for <paramref name="text"/> in <paramref name="kb"/>, at most <paramref name="top"/>, best first.
    /// With a reranker, the first <c>Top</c> chunks of the (fused) ranking are reordered by its scores; the chunks
    /// after them keep their order with score 0 ("not reranked"), so scores never rise down the list. A reranker
    /// failure keeps the fused order (logged).
    /// </summary>
    public async Task<Retrieval> RetrieveAsync(string kb, string text, int top, bool explain, KnowledgeBaseModels models, CancellationToken cancellationToken)
    {
        var query = _retriever.Analyze(text);
        var vectors = await MatchAsync(kb, text, models, cancellationToken).ConfigureAwait(false);
        var retrieval = _retriever.Retrieve(kb, query, Math.Max(top, models.Reranker?.Top ?? 0), explain, vectors);
        if (models.Reranker is { } reranker && retrieval.Chunks.Count > 1)
        {
            retrieval = await RerankAsync(retrieval, text, reranker, explain, cancellationToken).ConfigureAwait(false);
        }

        return retrieval.Chunks.Count <= top ? retrieval : retrieval with { Chunks = retrieval.Chunks.Take(top).ToArray() };
    }

    private async Task<Retrieval> RerankAsync(Retrieval retrieval, string text, (IReranker Reranker, int Top, string Name) reranker, bool explain, CancellationToken cancellationToken)
    {
        var head = retrieval.Chunks.Take(reranker.Top).ToArray();
        IReadOnlyList<double> scores;
        try
        {
            scores = await reranker.Reranker.ScoreAsync(text, head.Select(c => c.Candidate.Text).ToArray(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "Reranking failed; keeping the retrieval order");
            return retrieval;
        }

        var reordered = head
            .Select((chunk, i) => (Chunk: chunk, Score: scores[i], Rank: i))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Rank)
            .Select(x => x.Chunk with
            {
                Score = x.Score,
                Explanation = explain
                    ? new ScoreExplanation(x.Score, $"reranker score ({reranker.Name}); rank before reranking {x.Rank + 1}")
                    {
                        Details = x.Chunk.Explanation is { } before ? [before] : [],
                    }
                    : null,
            });
        var rest = retrieval.Chunks.Skip(head.Length).Select(chunk => chunk with
        {
            Score = 0,
            Explanation = explain
                ? new ScoreExplanation(0, $"not reranked (below the reranker's top {reranker.Top})") { Details = chunk.Explanation is { } before ? [before] : [] }
                : null,
        });
        return retrieval with { Chunks = [.. reordered, .. rest], Reranked = true };
    }

    /// <summary>The question's vector matches, or null (no embedding model, no vectors yet, or the model failed).</summary>
    public async Task<VectorMatches?> MatchAsync(string kb, string text, KnowledgeBaseModels models, CancellationToken cancellationToken)
    {
        if (models.Embeddings is not { } embeddings || _indexes.Current(kb, embeddings.Model) is not { } index)
        {
            return null;
        }

        try
        {
            string input = string.IsNullOrEmpty(_options.QueryInstruction) ? text : _options.QueryInstruction + text;
            var vector = await embeddings.Generator.GenerateVectorAsync(input, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (vector.Length != index.Dimensions)
            {
                throw WenjinException.Invalid(
                    $"The question's embedding has {vector.Length} dimensions, but knowledge base '{kb}' has {index.Dimensions}-dimensional vectors of '{embeddings.Model}'.");
            }

            var hits = index.Search(vector.Span, _options.VectorCandidates);
            return new VectorMatches(embeddings.Model, [.. hits.Select(hit => new VectorMatch(hit.Id, hit.Score))]);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "Embedding the question failed for knowledge base {KnowledgeBase}; searching without vectors", kb);
            return null;
        }
    }
}
