using System.Collections.Concurrent;
using Wenjin.Errors;
using Wenjin.Hosting.Search;
using Wenjin.Hosting.Vectors;
using Wenjin.Storage;

namespace Wenjin.Hosting.Embeddings;

/// <summary>
/// The in-memory vector index of each knowledge base, loaded from the <see cref="IChunkVectorStore"/> on first use and
/// kept current: before a search the stored state is read (O(1)); vectors stored since are added, and when any vector
/// was deleted (a document replaced or deleted, the model changed) the index is rebuilt, so a search never returns a
/// chunk key from another version of a document. Int8 storage; exact search up to
/// <see cref="HybridSearchOptions.ExactSearchLimit"/> vectors, an HNSW graph above.
/// </summary>
public sealed class KnowledgeBaseVectorIndexes : IDisposable
{
    private readonly IChunkVectorStore _store;
    private readonly HybridSearchOptions _options;
    private readonly ConcurrentDictionary<string, Loaded> _indexes = new(StringComparer.Ordinal);

    public KnowledgeBaseVectorIndexes(IChunkVectorStore store, HybridSearchOptions options)
    {
        _store = store;
        _options = options;
    }

    /// <summary>
    /// The knowledge base's current index of <paramref name="model"/> vectors (brought up to date with the store
    /// first, one O(1) state read), or null when it has none. An index replaced by a rebuild is not disposed, so a
    /// search already holding it finishes on the snapshot it had.
    /// </summary>
    public IVectorIndex? Current(string kb, string model)
    {
        var loaded = Load(kb, model);
        return loaded is null || loaded.Index.Count == 0 ? null : loaded.Index;
    }

    /// <summary>Drops a knowledge base's index (deleted knowledge base); the next search loads it again.</summary>
    public void Forget(string kb)
    {
        _indexes.TryRemove(kb, out _);
    }

    public void Dispose()
    {
        foreach (var loaded in _indexes.Values)
        {
            loaded.Index.Dispose();
        }

        _indexes.Clear();
    }

    private Loaded? Load(string kb, string model)
    {
        var state = _store.GetState(kb);
        if (state.Model != model || state.Dimensions == 0 || state.Embedded == 0)
        {
            return null;
        }

        var loaded = _indexes.GetOrAdd(kb, _ => new Loaded(state, NewIndex(state)));
        lock (loaded)
        {
            if (loaded.State.Model != state.Model || loaded.State.Dimensions != state.Dimensions || loaded.State.Deletions != state.Deletions
                || (loaded.Index is ExactVectorIndex && state.Embedded > _options.ExactSearchLimit))
            {
                var rebuilt = new Loaded(state, NewIndex(state));
                Fill(kb, rebuilt, 0);
                _indexes[kb] = rebuilt;
                return rebuilt;
            }

            if (loaded.Sequence < state.Sequence)
            {
                Fill(kb, loaded, loaded.Sequence);
            }

            return loaded;
        }
    }

    private void Fill(string kb, Loaded loaded, long afterSequence)
    {
        long last = afterSequence;
        _store.ReadVectors(kb, afterSequence, (key, sequence, vector) =>
        {
            if (key > int.MaxValue)
            {
                throw new WenjinException(WenjinErrorKind.Internal, $"Chunk key {key} of knowledge base '{kb}' is beyond the vector index's id range.");
            }

            loaded.Index.Add((int)key, vector);
            last = sequence;
        });
        loaded.Sequence = last;
    }

    private IVectorIndex NewIndex(EmbeddingState state) =>
        state.Embedded > _options.ExactSearchLimit
            ? new HnswVectorIndex(state.Dimensions, VectorEncoding.Int8, capacity: (int)Math.Min(int.MaxValue, state.Embedded))
            : new ExactVectorIndex(state.Dimensions, VectorEncoding.Int8, (int)Math.Min(int.MaxValue, state.Embedded));

    private sealed class Loaded(EmbeddingState state, IVectorIndex index)
    {
        public EmbeddingState State { get; } = state;

        public IVectorIndex Index { get; } = index;

        public long Sequence { get; set; }
    }
}
