using System.Runtime.InteropServices;

namespace Wenjin.Hosting.Vectors;

/// <summary>
/// Writes and reads spans of primitive values as their little-endian bytes, a bounded chunk at a time (a span of
/// billions of bytes cannot be viewed as one <see cref="Span{T}"/> of bytes).
/// </summary>
internal static class BinaryChunks
{
    private const int ChunkBytes = 1 << 20;

    public static void Write<T>(Stream stream, ReadOnlySpan<T> values)
        where T : unmanaged
    {
        EnsureLittleEndian();
        int perChunk = ChunkBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        for (int start = 0; start < values.Length; start += perChunk)
        {
            stream.Write(MemoryMarshal.AsBytes(values.Slice(start, Math.Min(perChunk, values.Length - start))));
        }
    }

    /// <exception cref="InvalidDataException">The stream ends before <paramref name="values"/> is filled.</exception>
    public static void Read<T>(Stream stream, Span<T> values)
        where T : unmanaged
    {
        EnsureLittleEndian();
        int perChunk = ChunkBytes / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        for (int start = 0; start < values.Length; start += perChunk)
        {
            try
            {
                stream.ReadExactly(MemoryMarshal.AsBytes(values.Slice(start, Math.Min(perChunk, values.Length - start))));
            }
            catch (EndOfStreamException exception)
            {
                throw new InvalidDataException("The vector index file is truncated.", exception);
            }
        }
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Vector index files are little-endian; this machine is big-endian.");
        }
    }
}
