namespace Wenjin.Hosting.Vectors;

/// <summary>
/// A unit vector prepared for scoring against one <see cref="VectorStore"/>: the floats, and for int8 storage also
/// the same vector as 16-bit integers (<see cref="Int8VectorCodec.QuantizeQuery"/>), so int8 scores are integer
/// multiply-adds. Prepared once per search (or per candidate in the HNSW neighbour heuristic), used for many scores.
/// </summary>
internal sealed class ScoringQuery
{
    private readonly short[]? _quantized;

    // Σ|a[i]|·|b[i]| of two 8-bit code vectors stays below 2^31 up to 133 000 dimensions, so codes can stand in for
    // a quantised query in Int8VectorCodec.DotInteger.

    public ScoringQuery(int dimensions, VectorEncoding encoding)
    {
        Vector = new float[dimensions];
        if (encoding == VectorEncoding.Int8 && Int8VectorCodec.HasIntegerDot)
        {
            _quantized = new short[dimensions];
        }
    }

    /// <summary>The unit vector; after writing into it call <see cref="Prepare"/>.</summary>
    public float[] Vector { get; }

    public ReadOnlySpan<short> Quantized => _quantized;

    /// <summary>Multiplies an integer dot product with <see cref="Quantized"/> back to the float scale.</summary>
    public float QuantizedScale { get; private set; }

    public bool HasQuantized => _quantized is not null;

    public void Set(ReadOnlySpan<float> unitVector)
    {
        unitVector.CopyTo(Vector);
        Prepare();
    }

    /// <summary>Scores like the int8 vector <c>scale · codes</c>; only the integer form is set (<see cref="HasQuantized"/> must be true).</summary>
    public void SetQuantized(ReadOnlySpan<sbyte> codes, float scale)
    {
        Span<short> quantized = _quantized;
        for (int i = 0; i < codes.Length; i++)
        {
            quantized[i] = codes[i];
        }

        QuantizedScale = scale;
    }

    public void Prepare()
    {
        if (_quantized is not null)
        {
            QuantizedScale = Int8VectorCodec.QuantizeQuery(Vector, _quantized);
        }
    }
}
