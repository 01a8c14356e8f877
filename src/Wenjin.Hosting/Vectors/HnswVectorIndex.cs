using System.Collections.Concurrent;
using System.Text;

namespace Wenjin.Hosting.Vectors;

/// <summary>
/// Approximate cosine search over a Hierarchical Navigable Small World graph (Malkov &amp; Yashunin 2016/2018, as in
/// hnswlib): each node is linked to at most M neighbours per upper layer and 2·M on the bottom layer, neighbours
/// chosen by the paper's heuristic (a candidate is kept only if it is closer to the node than to every neighbour
/// already kept), and a search descends greedily from the top layer, then keeps the <c>ef</c> best candidates on
/// the bottom layer.
/// </summary>
/// <remarks>
/// Vectors are stored like <see cref="ExactVectorIndex"/>'s (one array per encoding; node = slot). Removing an id
/// only marks its node deleted: it stays in the graph as a waypoint and is never returned, and its memory is kept
/// until the index is rebuilt; adding an id again inserts a new node. Building is single-threaded and deterministic:
/// the same <see cref="HnswOptions"/> (seed included) and the same sequence of additions give the same graph, also
/// across <see cref="Save"/>/<see cref="Load"/>. Searches run concurrently; writes take an exclusive lock.
/// </remarks>
public sealed class HnswVectorIndex : IVectorIndex
{
    private const int FormatVersion = 1;
    private const ulong FileMagic = 0x57534E48_4E4A4557; // "WEJNHNSW" read as little-endian bytes
    private const uint EndMarker = 0x444E4524; // "$END"

    private readonly VectorStore _store;
    private readonly HnswGraph _graph;
    private readonly HnswLevelGenerator _levels;
    private readonly Dictionary<int, int> _nodeById = [];
    private readonly ConcurrentBag<HnswSearchContext> _contexts = [];
    private readonly HnswSearchContext _insertContext;
    private readonly HnswSearchContext _pruningContext;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly int _efConstruction;
    private int[] _idByNode = [];
    private bool[] _deleted = [];
    private int _nodeCount;
    private int _deletedCount;
    private int _entryPoint = -1;
    private int _maxLevel = -1;
    private int _efSearch;

    /// <param name="dimensions">The length of every vector and query (the embedding model's dimension).</param>
    /// <param name="encoding">How vectors are stored.</param>
    /// <param name="options">Graph parameters; <see langword="null"/> for the defaults.</param>
    /// <param name="capacity">Nodes to allocate room for up front; growth beyond doubles the arrays (a copy).</param>
    public HnswVectorIndex(int dimensions, VectorEncoding encoding = VectorEncoding.Float32, HnswOptions? options = null, int capacity = 0)
        : this(dimensions, encoding, options ?? new HnswOptions(), capacity, levelState: null)
    {
    }

    private HnswVectorIndex(int dimensions, VectorEncoding encoding, HnswOptions options, int capacity, ulong? levelState)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        options.Validate();
        Options = options;
        _efConstruction = Math.Max(options.EfConstruction, options.M);
        _efSearch = options.EfSearch;
        _store = VectorStore.Create(encoding, dimensions, capacity);
        _graph = new HnswGraph(options.M);
        _graph.EnsureCapacity(capacity);
        _levels = new HnswLevelGenerator(options.M, levelState ?? HnswLevelGenerator.InitialState(options.Seed));
        _insertContext = new HnswSearchContext(_store, 2 * options.M);
        _pruningContext = new HnswSearchContext(_store, 2 * options.M);
        EnsureNodeArrays(capacity);
    }

    public HnswOptions Options { get; }

    public int Dimensions => _store.Dimensions;

    public int Count => Volatile.Read(ref _nodeCount) - Volatile.Read(ref _deletedCount);

    /// <summary>Nodes in the graph, including removed ones that are kept as waypoints.</summary>
    public int NodeCount => Volatile.Read(ref _nodeCount);

    public VectorEncoding Encoding => _store.Encoding;

    /// <summary>The candidate list size of searches that do not pass their own (starts at <see cref="HnswOptions.EfSearch"/>).</summary>
    public int EfSearch
    {
        get => Volatile.Read(ref _efSearch);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            Volatile.Write(ref _efSearch, value);
        }
    }

    /// <summary>Bytes of the vector arrays, the graph, the per-node arrays and (estimated at 20 bytes per entry) the id map.</summary>
    public long AllocatedBytes
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _store.AllocatedBytes + _graph.AllocatedBytes + ((long)_idByNode.Length * sizeof(int)) + _deleted.Length
                    + ((long)_nodeById.Capacity * 20);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Add(int id, ReadOnlySpan<float> vector)
    {
        UnitVector.CheckDimensions(vector.Length, Dimensions, nameof(vector));
        _lock.EnterWriteLock();
        try
        {
            HnswSearchContext context = _insertContext;
            UnitVector.Normalize(vector, Dimensions, context.Query.Vector, nameof(vector));
            context.Query.Prepare();
            Insert(id, context);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(int id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_nodeById.Remove(id, out int node))
            {
                return false;
            }

            _deleted[node] = true;
            Volatile.Write(ref _deletedCount, _deletedCount + 1);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Contains(int id)
    {
        _lock.EnterReadLock();
        try
        {
            return _nodeById.ContainsKey(id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public (int Id, float Score)[] Search(ReadOnlySpan<float> query, int k) => Search(query, k, ef: null);

    /// <summary>The (at most) <paramref name="k"/> best vectors found with a candidate list of <paramref name="ef"/> (at least k).</summary>
    /// <param name="ef">Candidate list size for this search; <see langword="null"/> uses <see cref="EfSearch"/>.</param>
    public (int Id, float Score)[] Search(ReadOnlySpan<float> query, int k, int? ef)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (ef is { } requested)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requested, nameof(ef));
        }

        int candidates = Math.Max(ef ?? EfSearch, k);
        HnswSearchContext context = RentContext();
        try
        {
            UnitVector.Normalize(query, Dimensions, context.Query.Vector, nameof(query));
            context.Query.Prepare();
            _lock.EnterReadLock();
            try
            {
                return SearchLocked(context, k, candidates);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
        finally
        {
            _contexts.Add(context);
        }
    }

    /// <summary>
    /// Writes the graph and the vectors in their stored encoding: a little-endian binary file, versioned, which
    /// <see cref="Load"/> reads back into an index that answers every search identically.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _lock.EnterReadLock();
        try
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(FileMagic);
            writer.Write(FormatVersion);
            writer.Write(Dimensions);
            writer.Write((int)Encoding);
            writer.Write(Options.M);
            writer.Write(Options.EfConstruction);
            writer.Write(EfSearch);
            writer.Write(Options.Seed);
            writer.Write(_levels.State);
            writer.Write(_nodeCount);
            writer.Write(_entryPoint);
            writer.Write(_maxLevel);
            writer.Flush();
            BinaryChunks.Write<int>(stream, _idByNode.AsSpan(0, _nodeCount));
            BinaryChunks.Write<bool>(stream, _deleted.AsSpan(0, _nodeCount));
            _store.Write(stream, _nodeCount);
            _graph.Write(writer, _nodeCount);
            writer.Write(EndMarker);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Reads an index written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The stream is not an index file of a supported version, or is damaged.</exception>
    public static HnswVectorIndex Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt64() != FileMagic)
            {
                throw new InvalidDataException("This is not a Wenjin HNSW index file.");
            }

            int version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"The HNSW index file has format version {version}; this build reads version {FormatVersion}. Rebuild the index.");
            }

            int dimensions = reader.ReadInt32();
            var encoding = (VectorEncoding)reader.ReadInt32();
            var options = new HnswOptions
            {
                M = reader.ReadInt32(),
                EfConstruction = reader.ReadInt32(),
                EfSearch = reader.ReadInt32(),
                Seed = reader.ReadInt32(),
            };
            ulong levelState = reader.ReadUInt64();
            int nodeCount = reader.ReadInt32();
            int entryPoint = reader.ReadInt32();
            int maxLevel = reader.ReadInt32();
            if (dimensions <= 0 || !Enum.IsDefined(encoding) || nodeCount < 0 || maxLevel > HnswLevelGenerator.MaxLevel
                || (nodeCount == 0 ? entryPoint != -1 || maxLevel != -1 : (uint)entryPoint >= (uint)nodeCount || maxLevel < 0))
            {
                throw new InvalidDataException("The HNSW index file has an invalid header.");
            }

            HnswVectorIndex index;
            try
            {
                index = new HnswVectorIndex(dimensions, encoding, options, nodeCount, levelState);
            }
            catch (ArgumentOutOfRangeException exception)
            {
                throw new InvalidDataException($"The HNSW index file has invalid parameters: {exception.Message}", exception);
            }

            try
            {
                index.ReadBody(reader, nodeCount, entryPoint, maxLevel);
                return index;
            }
            catch
            {
                index.Dispose();
                throw;
            }
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("The HNSW index file is truncated.", exception);
        }
    }

    public void Dispose() => _lock.Dispose();

    private void ReadBody(BinaryReader reader, int nodeCount, int entryPoint, int maxLevel)
    {
        BinaryChunks.Read<int>(reader.BaseStream, _idByNode.AsSpan(0, nodeCount));
        BinaryChunks.Read<byte>(reader.BaseStream, System.Runtime.InteropServices.MemoryMarshal.AsBytes(_deleted.AsSpan(0, nodeCount)));
        _store.Read(reader.BaseStream, nodeCount);
        _graph.Read(reader, nodeCount, maxLevel);
        if (reader.ReadUInt32() != EndMarker)
        {
            throw new InvalidDataException("The HNSW index file does not end where its header says.");
        }

        for (int node = 0; node < nodeCount; node++)
        {
            byte deleted = System.Runtime.CompilerServices.Unsafe.As<bool, byte>(ref _deleted[node]);
            if (deleted > 1)
            {
                throw new InvalidDataException($"Node {node} of the file has an invalid deleted flag.");
            }

            if (deleted == 1)
            {
                _deletedCount++;
            }
            else if (!_nodeById.TryAdd(_idByNode[node], node))
            {
                throw new InvalidDataException($"Id {_idByNode[node]} is stored twice in the file.");
            }
        }

        if (nodeCount > 0 && _graph.Level(entryPoint) != maxLevel)
        {
            throw new InvalidDataException("The entry point of the file is not on its top layer.");
        }

        _nodeCount = nodeCount;
        _entryPoint = entryPoint;
        _maxLevel = maxLevel;
    }

    private HnswSearchContext RentContext() =>
        _contexts.TryTake(out HnswSearchContext? context) ? context : new HnswSearchContext(_store, 2 * Options.M);

    private (int Id, float Score)[] SearchLocked(HnswSearchContext context, int k, int ef)
    {
        if (_entryPoint < 0 || _nodeCount == _deletedCount)
        {
            return [];
        }

        ScoringQuery query = context.Query;
        int current = _entryPoint;
        float similarity = _store.Dot(query, current);
        Descend(query, ref current, ref similarity, _maxLevel, 0);
        SearchLayer(context, query, current, similarity, ef, level: 0, skipDeleted: _deletedCount > 0);

        var best = new TopKHeap(k);
        NodeHeap results = context.Results;
        while (results.Count > 0)
        {
            float score = results.TopKey;
            best.Offer(score, _idByNode[results.Pop()]);
        }

        return best.ToSortedArray();
    }

    private void Insert(int id, HnswSearchContext context)
    {
        int node = _nodeCount;
        _store.EnsureCapacity(node + 1);
        _graph.EnsureCapacity(node + 1);
        EnsureNodeArrays(node + 1);

        // Replacing an id: its old node becomes a deleted waypoint, like Remove.
        if (_nodeById.Remove(id, out int previous))
        {
            _deleted[previous] = true;
            Volatile.Write(ref _deletedCount, _deletedCount + 1);
        }

        ScoringQuery vector = context.Query;
        int level = _levels.Next();
        _store.Set(node, vector.Vector);
        _graph.AddNode(node, level);
        _idByNode[node] = id;
        _deleted[node] = false;
        _nodeById.Add(id, node);
        Volatile.Write(ref _nodeCount, node + 1);

        if (_entryPoint < 0)
        {
            _entryPoint = node;
            _maxLevel = level;
            return;
        }

        int current = _entryPoint;
        float similarity = _store.Dot(vector, current);
        Descend(vector, ref current, ref similarity, _maxLevel, level);
        Span<int> neighborBuffer = stackalloc int[Options.M];
        for (int layer = Math.Min(level, _maxLevel); layer >= 0; layer--)
        {
            // Every node, deleted or not, is a valid neighbour: deleted nodes stay in the graph as waypoints.
            SearchLayer(context, vector, current, similarity, _efConstruction, layer, skipDeleted: false);
            int found = DrainDescending(context);
            current = context.Nodes[0];
            similarity = context.Similarities[0];

            int selected = SelectNeighbors(context, found, Options.M);
            Span<int> neighbors = neighborBuffer[..selected];
            context.Selected.AsSpan(0, selected).CopyTo(neighbors);
            _graph.SetNeighbors(node, layer, neighbors);
            foreach (int neighbor in neighbors)
            {
                Connect(context, neighbor, node, layer);
            }
        }

        if (level > _maxLevel)
        {
            _maxLevel = level;
            _entryPoint = node;
        }
    }

    /// <summary>Greedy descent: on each layer from <paramref name="fromLevel"/> down to above <paramref name="toLevel"/>, move to a better neighbour until none is.</summary>
    private void Descend(ScoringQuery query, ref int current, ref float similarity, int fromLevel, int toLevel)
    {
        for (int layer = fromLevel; layer > toLevel; layer--)
        {
            bool moved = true;
            while (moved)
            {
                moved = false;
                foreach (int neighbor in _graph.Neighbors(current, layer))
                {
                    float candidate = _store.Dot(query, neighbor);
                    if (candidate > similarity)
                    {
                        similarity = candidate;
                        current = neighbor;
                        moved = true;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The paper's SEARCH-LAYER from one entry point: leaves the (at most) <paramref name="ef"/> most similar nodes
    /// in <c>context.Results</c>, the worst on top. With <paramref name="skipDeleted"/>, deleted nodes are walked
    /// through but not kept, and the walk goes on until ef live nodes are kept or the graph is exhausted.
    /// </summary>
    private void SearchLayer(HnswSearchContext context, ScoringQuery query, int entry, float entrySimilarity, int ef, int level, bool skipDeleted)
    {
        NodeHeap candidates = context.Candidates;
        NodeHeap results = context.Results;
        candidates.Clear();
        results.Clear();
        context.StartVisits(_nodeCount);

        context.Visit(entry);
        candidates.Push(-entrySimilarity, entry);
        if (!skipDeleted || !_deleted[entry])
        {
            results.Push(entrySimilarity, entry);
        }

        float worstKept = results.Count > 0 ? results.TopKey : float.NegativeInfinity;
        while (candidates.Count > 0)
        {
            float candidateSimilarity = -candidates.TopKey;
            if (candidateSimilarity < worstKept && (results.Count == ef || !skipDeleted))
            {
                break;
            }

            int candidate = candidates.Pop();
            foreach (int neighbor in _graph.Neighbors(candidate, level))
            {
                if (!context.Visit(neighbor))
                {
                    continue;
                }

                float similarity = _store.Dot(query, neighbor);
                if (results.Count < ef || similarity > worstKept)
                {
                    candidates.Push(-similarity, neighbor);
                    if (!skipDeleted || !_deleted[neighbor])
                    {
                        results.Push(similarity, neighbor);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }
                    }

                    if (results.Count > 0)
                    {
                        worstKept = results.TopKey;
                    }
                }
            }
        }
    }

    /// <summary>Moves <c>context.Results</c> into <c>context.Nodes</c>/<c>Similarities</c>, best first; returns how many.</summary>
    private static int DrainDescending(HnswSearchContext context)
    {
        NodeHeap results = context.Results;
        int count = results.Count;
        context.EnsureCandidateRoom(count);
        for (int i = count - 1; i >= 0; i--)
        {
            context.Similarities[i] = results.TopKey;
            context.Nodes[i] = results.Pop();
        }

        return count;
    }

    /// <summary>
    /// The paper's neighbour-selection heuristic over <c>context.Nodes[..count]</c> (sorted best first by similarity
    /// to the base vector): keep a candidate only if it is more similar to the base than to every neighbour kept so
    /// far, up to <paramref name="max"/>. Spreads links across directions, which keeps clustered data connected.
    /// </summary>
    private int SelectNeighbors(HnswSearchContext context, int count, int max)
    {
        int[] selected = context.Selected;
        int kept = 0;
        for (int i = 0; i < count && kept < max; i++)
        {
            int candidate = context.Nodes[i];
            float toBase = context.Similarities[i];
            bool keep = true;
            if (kept > 0)
            {
                _store.LoadQuery(candidate, context.Decoded);
                for (int j = 0; j < kept; j++)
                {
                    if (_store.Dot(context.Decoded, selected[j]) > toBase)
                    {
                        keep = false;
                        break;
                    }
                }
            }

            if (keep)
            {
                selected[kept++] = candidate;
            }
        }

        return kept;
    }

    /// <summary>Links <paramref name="neighbor"/> back to <paramref name="node"/>, pruning its list with the heuristic when it is full.</summary>
    private void Connect(HnswSearchContext context, int neighbor, int node, int level)
    {
        if (_graph.TryAppend(neighbor, level, node))
        {
            return;
        }

        ReadOnlySpan<int> existing = _graph.Neighbors(neighbor, level);
        int count = existing.Length + 1;
        // Pruning has its own buffers: the insertion that called this still holds its candidates in its context.
        HnswSearchContext pruning = _pruningContext;
        pruning.EnsureCandidateRoom(count);
        _store.LoadQuery(neighbor, pruning.DecodedBase);
        existing.CopyTo(pruning.Nodes);
        pruning.Nodes[count - 1] = node;
        for (int i = 0; i < count; i++)
        {
            pruning.Similarities[i] = -_store.Dot(pruning.DecodedBase, pruning.Nodes[i]);
        }

        pruning.Similarities.AsSpan(0, count).Sort(pruning.Nodes.AsSpan(0, count));
        for (int i = 0; i < count; i++)
        {
            pruning.Similarities[i] = -pruning.Similarities[i];
        }

        int kept = SelectNeighbors(pruning, count, _graph.MaxLinks(level));
        _graph.SetNeighbors(neighbor, level, pruning.Selected.AsSpan(0, kept));
    }

    private void EnsureNodeArrays(int nodes)
    {
        if (_idByNode.Length < nodes)
        {
            int capacity = Math.Max(nodes, _store.Capacity);
            Array.Resize(ref _idByNode, capacity);
            Array.Resize(ref _deleted, capacity);
        }
    }
}
