namespace Wenjin.Hosting.Vectors;

/// <summary>
/// How a vector index stores its unit-normalised vectors. Queries are always scored in 32-bit floats against the
/// stored form, so only the stored side loses precision.
/// </summary>
public enum VectorEncoding
{
    /// <summary>4 bytes per component; scores are exact up to float rounding.</summary>
    Float32 = 0,

    /// <summary>2 bytes per component (<see cref="Half"/>); about 3 significant digits per component.</summary>
    Float16 = 1,

    /// <summary>
    /// 1 byte per component plus one 4-byte scale per vector (<see cref="Int8VectorCodec"/>): symmetric quantisation
    /// to −127…127 of the vector's largest magnitude.
    /// </summary>
    Int8 = 2,
}
