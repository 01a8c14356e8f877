using Microsoft.Extensions.AI;
using Wenjin.Errors;
using Wenjin.Storage;

namespace Wenjin.Hosting.Embeddings;

/// <summary>
/// Computes the vectors of a knowledge base's chunks that have none, with one embedding model: in batches of
/// <c>batchSize</c> texts, at most <c>concurrency</c> requests in flight, each batch stored as soon as it returns. All
/// state is in the <see cref="IChunkVectorStore"/>, so an interrupted run (crash, cancellation, model server down) is
/// resumed by the next one, which starts with the chunks still without a vector. The text embedded for a chunk is its
/// document title and heading path followed by its text.
/// </summary>
public sealed class ChunkEmbedder
{
    private readonly IChunkVectorStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly int _batchSize;
    private readonly int _concurrency;

    public ChunkEmbedder(IChunkVectorStore store, IEmbeddingGenerator<string, Embedding<float>> generator, string model, int batchSize, int concurrency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        _store = store;
        _generator = generator;
        Model = model;
        _batchSize = Math.Max(1, batchSize);
        _concurrency = Math.Max(1, concurrency);
    }

    /// <summary>The name the vectors are recorded under; another name makes a knowledge base's vectors stale.</summary>
    public string Model { get; }

    /// <summary>
    /// Embeds every chunk of <paramref name="kb"/> without a vector (switching the knowledge base to this model first,
    /// which discards another model's vectors), reporting the state after each stored batch. A failed request fails the
    /// run after what was stored before it stays stored.
    /// </summary>
    public async Task<EmbeddingState> EmbedPendingAsync(string kb, IProgress<EmbeddingState>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = _store.UseModel(kb, Model);
        progress?.Report(state);
        long after = 0;
        var reportGate = new Lock();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pending = _store.ListUnembedded(kb, after, _batchSize * _concurrency);
            if (pending.Count == 0)
            {
                break;
            }

            after = pending[^1].Key;
            var batches = pending.Chunk(_batchSize).ToArray();
            await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
                async (batch, token) =>
                {
                    var embeddings = await _generator.GenerateAsync(batch.Select(Text), cancellationToken: token).ConfigureAwait(false);
                    if (embeddings.Count != batch.Length)
                    {
                        throw WenjinException.Invalid($"The embedding model '{Model}' returned {embeddings.Count} vectors for {batch.Length} texts.");
                    }

                    var vectors = new ChunkVector[batch.Length];
                    for (int i = 0; i < batch.Length; i++)
                    {
                        vectors[i] = new ChunkVector(batch[i].Key, embeddings[i].Vector);
                    }

                    // Saving and reporting under one lock keeps the reports in the order of the saves, so the
                    // last report is the final state even when batches finish concurrently.
                    lock (reportGate)
                    {
                        _store.SaveVectors(kb, Model, vectors);
                        progress?.Report(_store.GetState(kb));
                    }
                }).ConfigureAwait(false);
        }

        return _store.GetState(kb);
    }

    /// <summary>What is embedded for a chunk: title and heading path give a passage the context its text leaves out.</summary>
    public static string Text(ChunkToEmbed chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var context = new List<string>(2);
        if (!string.IsNullOrWhiteSpace(chunk.Title))
        {
            context.Add(chunk.Title);
        }

        if (chunk.HeadingPath.Count > 0)
        {
            context.Add(string.Join(" > ", chunk.HeadingPath));
        }

        return context.Count == 0 ? chunk.Text : string.Join('\n', context) + '\n' + chunk.Text;
    }
}
