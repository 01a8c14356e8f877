using System.Buffers;

namespace Wenjin.Hosting.Vectors;

/// <summary>
/// Brute-force cosine search: every query is scored against every stored vector, so results are exact for the
/// stored encoding (the reference that approximate indexes are measured against). Vectors live in one contiguous
/// array (<see cref="VectorStore"/>); a search over many components is split into partitions scored in parallel,
/// each with its own bounded top-k heap, and the heaps are merged. Removing swaps the last vector into the hole, so
/// storage stays dense. Searches run concurrently; <see cref="Add"/> and <see cref="Remove"/> take an exclusive lock.
/// </summary>
public sealed class ExactVectorIndex : IVectorIndex
{
    // Below this many stored components (8 MB of float32) one thread finishes before a fork would pay off.
    private const long ParallelComponents = 1L << 21;

    // Scores computed per store call: small enough for the stack, large enough to amortise the call.
    private const int ScoreBlock = 256;

    private readonly VectorStore _store;
    private readonly Dictionary<int, int> _slotById = [];
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private int[] _idBySlot = [];
    private int _count;

    /// <param name="dimensions">The length of every vector and query (the embedding model's dimension).</param>
    /// <param name="encoding">How vectors are stored.</param>
    /// <param name="capacity">Vectors to allocate room for up front; growth beyond doubles the arrays (a copy).</param>
    public ExactVectorIndex(int dimensions, VectorEncoding encoding = VectorEncoding.Float32, int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _store = VectorStore.Create(encoding, dimensions, capacity);
        _idBySlot = new int[_store.Capacity];
    }

    public int Dimensions => _store.Dimensions;

    public int Count => Volatile.Read(ref _count);

    public VectorEncoding Encoding => _store.Encoding;

    /// <summary>Bytes of the vector arrays, the slot→id array and (estimated at 20 bytes per entry) the id→slot map.</summary>
    public long AllocatedBytes
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _store.AllocatedBytes + ((long)_idBySlot.Length * sizeof(int)) + ((long)_slotById.Capacity * 20);
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Add(int id, ReadOnlySpan<float> vector)
    {
        float[] unit = ArrayPool<float>.Shared.Rent(Dimensions);
        try
        {
            UnitVector.Normalize(vector, Dimensions, unit, nameof(vector));
            _lock.EnterWriteLock();
            try
            {
                if (_slotById.TryGetValue(id, out int existing))
                {
                    _store.Set(existing, unit.AsSpan(0, Dimensions));
                    return;
                }

                int slot = _count;
                _store.EnsureCapacity(slot + 1);
                if (_idBySlot.Length < _store.Capacity)
                {
                    Array.Resize(ref _idBySlot, _store.Capacity);
                }

                _store.Set(slot, unit.AsSpan(0, Dimensions));
                _idBySlot[slot] = id;
                _slotById.Add(id, slot);
                Volatile.Write(ref _count, slot + 1);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(unit);
        }
    }

    public bool Remove(int id)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slotById.Remove(id, out int slot))
            {
                return false;
            }

            int last = _count - 1;
            if (slot != last)
            {
                _store.Copy(last, slot);
                int moved = _idBySlot[last];
                _idBySlot[slot] = moved;
                _slotById[moved] = slot;
            }

            Volatile.Write(ref _count, last);
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
            return _slotById.ContainsKey(id);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public (int Id, float Score)[] Search(ReadOnlySpan<float> query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ScoringQuery unit = _store.CreateQuery();
        UnitVector.Normalize(query, Dimensions, unit.Vector, nameof(query));
        unit.Prepare();
        _lock.EnterReadLock();
        try
        {
            return SearchLocked(unit, k);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private (int Id, float Score)[] SearchLocked(ScoringQuery unit, int k)
    {
        int count = _count;
        if (count == 0)
        {
            return [];
        }

        k = Math.Min(k, count);
        int partitions = (long)count * Dimensions < ParallelComponents || Environment.ProcessorCount == 1
            ? 1
            : Math.Min(Environment.ProcessorCount * 2, count / ScoreBlock);
        if (partitions <= 1)
        {
            var heap = new TopKHeap(k);
            ScoreSlots(unit, 0, count, heap);
            return heap.ToSortedArray();
        }

        // Equal-sized partitions, each with its own heap: no shared state while scoring.
        var heaps = new TopKHeap[partitions];
        Parallel.For(0, partitions, partition =>
        {
            int first = (int)((long)count * partition / partitions);
            int end = (int)((long)count * (partition + 1) / partitions);
            var heap = new TopKHeap(k);
            ScoreSlots(unit, first, end - first, heap);
            heaps[partition] = heap;
        });

        TopKHeap merged = heaps[0];
        for (int i = 1; i < heaps.Length; i++)
        {
            merged.OfferAll(heaps[i]);
        }

        return merged.ToSortedArray();
    }

    private void ScoreSlots(ScoringQuery query, int first, int count, TopKHeap heap)
    {
        Span<float> scores = stackalloc float[ScoreBlock];
        for (int done = 0; done < count; done += ScoreBlock)
        {
            int block = Math.Min(ScoreBlock, count - done);
            int firstSlot = first + done;
            _store.Dot(query, firstSlot, scores[..block]);
            float threshold = heap.Threshold;
            for (int i = 0; i < block; i++)
            {
                if (scores[i] >= threshold)
                {
                    heap.Offer(scores[i], _idBySlot[firstSlot + i]);
                    threshold = heap.Threshold;
                }
            }
        }
    }
}
