namespace Wenjin.Hosting.Vectors;

/// <summary>
/// The vectors of an index in one contiguous array per encoding, addressed by slot (0…Capacity−1): no object per
/// vector, so a million vectors are a handful of GC objects. Slots hold unit vectors; scoring takes a float query
/// that is already unit length. Not synchronised: the owning index serialises writes against reads.
/// </summary>
internal abstract class VectorStore
{
    private const int MinimumGrowth = 256;

    protected VectorStore(int dimensions)
    {
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    /// <summary>Slots allocated; growing beyond reallocates the arrays (capacity doubles).</summary>
    public int Capacity { get; private set; }

    public abstract VectorEncoding Encoding { get; }

    /// <summary>A query buffer prepared the way this store scores.</summary>
    public ScoringQuery CreateQuery() => new(Dimensions, Encoding);

    /// <summary>Bytes held by the arrays, including unused capacity.</summary>
    public abstract long AllocatedBytes { get; }

    /// <summary>One array holds every component, so slots × dimensions is bounded by <see cref="Array.MaxLength"/>.</summary>
    public int MaxSlots => Array.MaxLength / Dimensions;

    public static VectorStore Create(VectorEncoding encoding, int dimensions, int capacity)
    {
        VectorStore store = encoding switch
        {
            VectorEncoding.Float32 => new Float32VectorStore(dimensions),
            VectorEncoding.Float16 => new Float16VectorStore(dimensions),
            VectorEncoding.Int8 => new Int8VectorStore(dimensions),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown vector encoding."),
        };
        store.EnsureCapacity(capacity);
        return store;
    }

    /// <summary>Makes room for slots 0…<paramref name="slots"/>−1, keeping the stored ones.</summary>
    /// <exception cref="InvalidOperationException">More slots than one array can hold at this dimension.</exception>
    public void EnsureCapacity(int slots)
    {
        if (slots <= Capacity)
        {
            return;
        }

        if (slots > MaxSlots)
        {
            throw new InvalidOperationException(
                $"An index of {Dimensions}-dimensional vectors holds at most {MaxSlots} vectors (one array of {Array.MaxLength} components); split the collection over several indexes.");
        }

        int grown = (int)Math.Min(MaxSlots, Math.Max((long)Capacity * 2, MinimumGrowth));
        int capacity = Math.Max(slots, grown);
        Resize(capacity);
        Capacity = capacity;
    }

    public abstract void Set(int slot, ReadOnlySpan<float> unitVector);

    public abstract void Copy(int fromSlot, int toSlot);

    /// <summary>Cosine of the unit <paramref name="query"/> with the stored vector of <paramref name="slot"/>.</summary>
    public abstract float Dot(ScoringQuery query, int slot);

    /// <summary>Scores of slots <paramref name="firstSlot"/>… (as many as <paramref name="scores"/> holds).</summary>
    public virtual void Dot(ScoringQuery query, int firstSlot, Span<float> scores)
    {
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = Dot(query, firstSlot + i);
        }
    }

    /// <summary>Makes <paramref name="destination"/> score like the stored vector of <paramref name="slot"/> (for stored-to-stored similarities).</summary>
    public virtual void LoadQuery(int slot, ScoringQuery destination)
    {
        Decode(slot, destination.Vector);
        destination.Prepare();
    }

    /// <summary>The stored vector of <paramref name="slot"/> as floats (unit length up to rounding).</summary>
    public abstract void Decode(int slot, Span<float> destination);

    /// <summary>Writes the first <paramref name="slots"/> slots in their stored form (little-endian).</summary>
    public abstract void Write(Stream stream, int slots);

    /// <summary>Reads <paramref name="slots"/> slots written by <see cref="Write"/> into slots 0…slots−1.</summary>
    public abstract void Read(Stream stream, int slots);

    protected abstract void Resize(int capacity);

    protected static T[] Grow<T>(T[] array, int length)
    {
        T[] grown = GC.AllocateUninitializedArray<T>(length);
        array.AsSpan().CopyTo(grown);
        return grown;
    }
}
