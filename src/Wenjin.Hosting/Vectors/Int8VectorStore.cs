namespace Wenjin.Hosting.Vectors;

/// <summary>
/// <see cref="VectorEncoding.Int8"/> storage: one array of codes and one of per-vector scales
/// (<see cref="Int8VectorCodec"/>). Scores multiply the codes with the query at 16-bit (x86) or float precision, so
/// the loss is the stored side's 8 bits.
/// </summary>
internal sealed class Int8VectorStore : VectorStore
{
    private sbyte[] _codes = [];
    private float[] _scales = [];

    public Int8VectorStore(int dimensions)
        : base(dimensions)
    {
    }

    public override VectorEncoding Encoding => VectorEncoding.Int8;

    public override long AllocatedBytes => _codes.LongLength + ((long)_scales.Length * sizeof(float));

    public override void Set(int slot, ReadOnlySpan<float> unitVector) => _scales[slot] = Int8VectorCodec.Encode(unitVector, Codes(slot));

    public override void Copy(int fromSlot, int toSlot)
    {
        Codes(fromSlot).CopyTo(Codes(toSlot));
        _scales[toSlot] = _scales[fromSlot];
    }

    public override float Dot(ScoringQuery query, int slot) => query.HasQuantized
        ? Int8VectorCodec.DotInteger(query.Quantized, Codes(slot)) * query.QuantizedScale * _scales[slot]
        : Int8VectorCodec.DotUnchecked(query.Vector, Codes(slot)) * _scales[slot];

    /// <summary>With integer scoring the codes themselves are the query: stored-to-stored scores are exact integer sums.</summary>
    public override void LoadQuery(int slot, ScoringQuery destination)
    {
        if (destination.HasQuantized)
        {
            destination.SetQuantized(Codes(slot), _scales[slot]);
        }
        else
        {
            base.LoadQuery(slot, destination);
        }
    }

    public override void Decode(int slot, Span<float> destination) => Int8VectorCodec.Decode(Codes(slot), _scales[slot], destination);

    public override void Write(Stream stream, int slots)
    {
        BinaryChunks.Write<float>(stream, _scales.AsSpan(0, slots));
        BinaryChunks.Write<sbyte>(stream, _codes.AsSpan(0, slots * Dimensions));
    }

    public override void Read(Stream stream, int slots)
    {
        EnsureCapacity(slots);
        BinaryChunks.Read<float>(stream, _scales.AsSpan(0, slots));
        BinaryChunks.Read<sbyte>(stream, _codes.AsSpan(0, slots * Dimensions));
        foreach (float scale in _scales.AsSpan(0, slots))
        {
            if (!(scale > 0) || !float.IsFinite(scale))
            {
                throw new InvalidDataException($"The file holds an int8 vector scale of {scale}; scales are positive and finite.");
            }
        }
    }

    protected override void Resize(int capacity)
    {
        _codes = Grow(_codes, capacity * Dimensions);
        _scales = Grow(_scales, capacity);
    }

    private Span<sbyte> Codes(int slot) => _codes.AsSpan(slot * Dimensions, Dimensions);
}
