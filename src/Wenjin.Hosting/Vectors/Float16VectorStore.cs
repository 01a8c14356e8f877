namespace Wenjin.Hosting.Vectors;

/// <summary>
/// <see cref="VectorEncoding.Float16"/> storage. Scoring widens the stored halves to floats in registers as it
/// multiplies (<see cref="Float16VectorCodec.Dot"/>), so a search reads half the bytes of float32.
/// </summary>
internal sealed class Float16VectorStore : VectorStore
{
    private Half[] _components = [];

    public Float16VectorStore(int dimensions)
        : base(dimensions)
    {
    }

    public override VectorEncoding Encoding => VectorEncoding.Float16;

    public override long AllocatedBytes => (long)_components.Length * 2;

    public override void Set(int slot, ReadOnlySpan<float> unitVector) => Float16VectorCodec.Encode(unitVector, Vector(slot));

    public override void Copy(int fromSlot, int toSlot) => Vector(fromSlot).CopyTo(Vector(toSlot));

    public override float Dot(ScoringQuery query, int slot) => Float16VectorCodec.DotUnchecked(query.Vector, Vector(slot));

    public override void Decode(int slot, Span<float> destination) => Float16VectorCodec.Decode(Vector(slot), destination);

    public override void Write(Stream stream, int slots) =>
        BinaryChunks.Write<Half>(stream, _components.AsSpan(0, slots * Dimensions));

    public override void Read(Stream stream, int slots)
    {
        EnsureCapacity(slots);
        BinaryChunks.Read<Half>(stream, _components.AsSpan(0, slots * Dimensions));
    }

    protected override void Resize(int capacity) => _components = Grow(_components, capacity * Dimensions);

    private Span<Half> Vector(int slot) => _components.AsSpan(slot * Dimensions, Dimensions);
}
