using System.Numerics.Tensors;

namespace Wenjin.Hosting.Vectors;

/// <summary><see cref="VectorEncoding.Float32"/> storage: components as they were normalised.</summary>
internal sealed class Float32VectorStore : VectorStore
{
    private float[] _components = [];

    public Float32VectorStore(int dimensions)
        : base(dimensions)
    {
    }

    public override VectorEncoding Encoding => VectorEncoding.Float32;

    public override long AllocatedBytes => (long)_components.Length * sizeof(float);

    public override void Set(int slot, ReadOnlySpan<float> unitVector) => unitVector.CopyTo(Vector(slot));

    public override void Copy(int fromSlot, int toSlot) => Vector(fromSlot).CopyTo(Vector(toSlot));

    public override float Dot(ScoringQuery query, int slot) => TensorPrimitives.Dot(query.Vector, Vector(slot));

    public override void Decode(int slot, Span<float> destination) => Vector(slot).CopyTo(destination);

    public override void Write(Stream stream, int slots) =>
        BinaryChunks.Write<float>(stream, _components.AsSpan(0, slots * Dimensions));

    public override void Read(Stream stream, int slots)
    {
        EnsureCapacity(slots);
        BinaryChunks.Read<float>(stream, _components.AsSpan(0, slots * Dimensions));
    }

    protected override void Resize(int capacity) => _components = Grow(_components, capacity * Dimensions);

    private Span<float> Vector(int slot) => _components.AsSpan(slot * Dimensions, Dimensions);
}
