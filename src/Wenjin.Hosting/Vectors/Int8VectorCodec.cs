using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Wenjin.Hosting.Vectors;

/// <summary>
/// <see cref="VectorEncoding.Int8"/>: symmetric per-vector quantisation. The component of largest magnitude maps to
/// ±127 and the others are rounded on the same step, so every vector uses the full range whatever its spread. The
/// stored scale is 1 / ‖codes‖ rather than the step: the decoded vector <c>scale · codes</c> is then exactly unit
/// length, and a score is the true cosine between the query and the quantised direction.
/// </summary>
public static class Int8VectorCodec
{
    private const float MaxCode = 127;

    /// <summary>Quantises <paramref name="vector"/> (any non-zero length) into <paramref name="codes"/>; returns its scale.</summary>
    /// <exception cref="ArgumentException">The lengths differ, or the vector is zero or not finite.</exception>
    public static float Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        if (vector.Length != codes.Length)
        {
            throw new ArgumentException($"The vector has {vector.Length} components but the code span has {codes.Length}.", nameof(codes));
        }

        float maxMagnitude = 0;
        foreach (float component in vector)
        {
            maxMagnitude = Math.Max(maxMagnitude, Math.Abs(component));
        }

        if (!(maxMagnitude > 0) || !float.IsFinite(maxMagnitude))
        {
            throw new ArgumentException("Only a non-zero vector with finite components can be quantised.", nameof(vector));
        }

        double step = maxMagnitude / MaxCode;
        long sumOfSquares = 0;
        for (int i = 0; i < vector.Length; i++)
        {
            int code = (int)Math.Clamp(Math.Round(vector[i] / step, MidpointRounding.AwayFromZero), -MaxCode, MaxCode);
            codes[i] = (sbyte)code;
            sumOfSquares += code * code;
        }

        // The largest component always rounds to ±127, so the sum is never zero.
        return (float)(1 / Math.Sqrt(sumOfSquares));
    }

    /// <summary>Writes the unit vector <c>scale · codes</c> into <paramref name="destination"/>.</summary>
    public static void Decode(ReadOnlySpan<sbyte> codes, float scale, Span<float> destination)
    {
        if (destination.Length != codes.Length)
        {
            throw new ArgumentException($"The destination has {destination.Length} components but the code span has {codes.Length}.", nameof(destination));
        }

        for (int i = 0; i < codes.Length; i++)
        {
            destination[i] = codes[i] * scale;
        }
    }

    /// <summary>The dot product of a float <paramref name="query"/> with the decoded vector <c>scale · codes</c>.</summary>
    public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> codes, float scale)
    {
        if (query.Length != codes.Length)
        {
            throw new ArgumentException($"The query has {query.Length} components but the code span has {codes.Length}.", nameof(query));
        }

        return DotUnchecked(query, codes) * scale;
    }

    /// <summary>Whether <see cref="DotInteger"/> runs on vector instructions (x86 AVX2); elsewhere scores widen codes to floats.</summary>
    internal static bool HasIntegerDot => Avx2.IsSupported;

    /// <summary>
    /// Quantises a float query to 16-bit integers for <see cref="DotInteger"/> and returns the factor that turns
    /// the integer dot product back into the float one. The largest magnitude maps to the largest value for which
    /// Σ |query[i]| · 127 cannot overflow an int at this length (32 767 up to 528 dimensions, 22 017 at 768, 4 128
    /// at 4 096): the query keeps 12 bits or more per component, far finer than the 8-bit codes it is scored against.
    /// </summary>
    internal static float QuantizeQuery(ReadOnlySpan<float> query, Span<short> quantized)
    {
        float maxMagnitude = 0;
        foreach (float component in query)
        {
            maxMagnitude = Math.Max(maxMagnitude, Math.Abs(component));
        }

        if (maxMagnitude == 0)
        {
            quantized.Clear();
            return 0;
        }

        long limit = Math.Clamp(int.MaxValue / ((long)query.Length * (long)MaxCode), 1, short.MaxValue);
        float scale = limit / maxMagnitude;
        for (int i = 0; i < query.Length; i++)
        {
            quantized[i] = (short)Math.Clamp(MathF.Round(query[i] * scale), -limit, limit);
        }

        return 1 / scale;
    }

    /// <summary>
    /// Σ query[i] · codes[i] in integers: codes sign-extended to 16 bits, then multiply-add of adjacent pairs into 32-bit
    /// lanes (vpmaddwd), 32 components per instruction with AVX-512BW, 16 with AVX2. Cannot overflow for a query from
    /// <see cref="QuantizeQuery"/>.
    /// </summary>
    internal static int DotInteger(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> codes)
    {
        int length = codes.Length;
        ref short queryStart = ref MemoryMarshal.GetReference(query);
        ref sbyte codeStart = ref MemoryMarshal.GetReference(codes);
        int i = 0;
        int sum = 0;
        if (Avx512BW.IsSupported && length >= Vector512<short>.Count)
        {
            Vector512<int> accumulator = Vector512<int>.Zero;
            for (; i <= length - Vector512<short>.Count; i += Vector512<short>.Count)
            {
                Vector512<short> widened = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref codeStart, (nuint)i));
                accumulator += Avx512BW.MultiplyAddAdjacent(widened, Vector512.LoadUnsafe(ref queryStart, (nuint)i));
            }

            sum += Vector512.Sum(accumulator);
        }

        if (Avx2.IsSupported && length - i >= Vector256<short>.Count)
        {
            Vector256<int> accumulator = Vector256<int>.Zero;
            for (; i <= length - Vector256<short>.Count; i += Vector256<short>.Count)
            {
                Vector256<short> widened = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref codeStart, (nuint)i));
                accumulator += Avx2.MultiplyAddAdjacent(widened, Vector256.LoadUnsafe(ref queryStart, (nuint)i));
            }

            sum += Vector256.Sum(accumulator);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref queryStart, i) * Unsafe.Add(ref codeStart, i);
        }

        return sum;
    }

    /// <summary>Σ query[i] · codes[i], widening 8-bit codes to floats a register at a time (used where <see cref="HasIntegerDot"/> is false).</summary>
    internal static float DotUnchecked(ReadOnlySpan<float> query, ReadOnlySpan<sbyte> codes)
    {
        int length = codes.Length;
        ref float queryStart = ref MemoryMarshal.GetReference(query);
        ref sbyte codeStart = ref MemoryMarshal.GetReference(codes);
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<sbyte>.Count)
        {
            int floatsPerVector = Vector<float>.Count;
            Vector<float> sum0 = Vector<float>.Zero;
            Vector<float> sum1 = Vector<float>.Zero;
            Vector<float> sum2 = Vector<float>.Zero;
            Vector<float> sum3 = Vector<float>.Zero;
            for (; i <= length - Vector<sbyte>.Count; i += Vector<sbyte>.Count)
            {
                Vector<sbyte> packed = Vector.LoadUnsafe(ref codeStart, (nuint)i);
                Vector.Widen(packed, out Vector<short> low, out Vector<short> high);
                Vector.Widen(low, out Vector<int> w0, out Vector<int> w1);
                Vector.Widen(high, out Vector<int> w2, out Vector<int> w3);
                sum0 = Vector.FusedMultiplyAdd(Vector.ConvertToSingle(w0), Vector.LoadUnsafe(ref queryStart, (nuint)i), sum0);
                sum1 = Vector.FusedMultiplyAdd(Vector.ConvertToSingle(w1), Vector.LoadUnsafe(ref queryStart, (nuint)(i + floatsPerVector)), sum1);
                sum2 = Vector.FusedMultiplyAdd(Vector.ConvertToSingle(w2), Vector.LoadUnsafe(ref queryStart, (nuint)(i + (2 * floatsPerVector))), sum2);
                sum3 = Vector.FusedMultiplyAdd(Vector.ConvertToSingle(w3), Vector.LoadUnsafe(ref queryStart, (nuint)(i + (3 * floatsPerVector))), sum3);
            }

            sum = Vector.Sum((sum0 + sum1) + (sum2 + sum3));
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref queryStart, i) * Unsafe.Add(ref codeStart, i);
        }

        return sum;
    }
}
