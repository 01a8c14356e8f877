using System.Buffers.Binary;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// Chunk vectors as stored in chunk_vectors.vector: IEEE half precision, little-endian, two bytes per component.
/// Half keeps embedding similarities to about three decimals at half the size of float32.
/// </summary>
internal static class VectorBlobCodec
{
    public static byte[] Encode(ReadOnlySpan<float> vector)
    {
        var blob = new byte[vector.Length * 2];
        for (int i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(blob.AsSpan(i * 2), (Half)vector[i]);
        }

        return blob;
    }

    public static void Decode(ReadOnlySpan<byte> blob, Span<float> vector)
    {
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(blob.Slice(i * 2));
        }
    }
}
