using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Wenjin.Hosting.Vectors;

/// <summary>
/// <see cref="VectorEncoding.Float16"/>: each component rounded to the nearest <see cref="Half"/>. For unit vectors
/// the relative error per component is at most 2^−11, so cosine scores move by about 10^−3 at worst.
/// </summary>
public static class Float16VectorCodec
{
    /// <summary>Writes <paramref name="vector"/> as half-precision components into <paramref name="codes"/>.</summary>
    public static void Encode(ReadOnlySpan<float> vector, Span<Half> codes)
    {
        CheckLengths(vector.Length, codes.Length);
        TensorPrimitives.ConvertToHalf(vector, codes);
    }

    /// <summary>Widens <paramref name="codes"/> back to floats in <paramref name="destination"/>.</summary>
    public static void Decode(ReadOnlySpan<Half> codes, Span<float> destination)
    {
        CheckLengths(destination.Length, codes.Length);
        TensorPrimitives.ConvertToSingle(codes, destination);
    }

    /// <summary>
    /// The dot product of a float <paramref name="query"/> with half-precision <paramref name="codes"/>, widening
    /// the codes in registers (bit arithmetic; .NET exposes no half-to-float instruction). Subnormal halves (magnitude
    /// below 6.1·10^−5) count as zero, which moves a unit vector's score by less than its rounding already does.
    /// </summary>
    public static float Dot(ReadOnlySpan<float> query, ReadOnlySpan<Half> codes)
    {
        CheckLengths(query.Length, codes.Length);
        return DotUnchecked(query, codes);
    }

    internal static float DotUnchecked(ReadOnlySpan<float> query, ReadOnlySpan<Half> codes)
    {
        int length = codes.Length;
        ref float queryStart = ref MemoryMarshal.GetReference(query);
        ref ushort codeStart = ref Unsafe.As<Half, ushort>(ref MemoryMarshal.GetReference(codes));
        int i = 0;
        float sum = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<ushort>.Count)
        {
            Vector512<float> sum0 = Vector512<float>.Zero;
            Vector512<float> sum1 = Vector512<float>.Zero;
            for (; i <= length - Vector512<ushort>.Count; i += Vector512<ushort>.Count)
            {
                (Vector512<uint> low, Vector512<uint> high) = Vector512.Widen(Vector512.LoadUnsafe(ref codeStart, (nuint)i));
                sum0 = Vector512.FusedMultiplyAdd(Widen(low), Vector512.LoadUnsafe(ref queryStart, (nuint)i), sum0);
                sum1 = Vector512.FusedMultiplyAdd(Widen(high), Vector512.LoadUnsafe(ref queryStart, (nuint)(i + Vector512<float>.Count)), sum1);
            }

            sum += Vector512.Sum(sum0 + sum1);
        }

        if (Vector256.IsHardwareAccelerated && length - i >= Vector256<ushort>.Count)
        {
            Vector256<float> sum0 = Vector256<float>.Zero;
            Vector256<float> sum1 = Vector256<float>.Zero;
            for (; i <= length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                (Vector256<uint> low, Vector256<uint> high) = Vector256.Widen(Vector256.LoadUnsafe(ref codeStart, (nuint)i));
                sum0 = Vector256.FusedMultiplyAdd(Widen(low), Vector256.LoadUnsafe(ref queryStart, (nuint)i), sum0);
                sum1 = Vector256.FusedMultiplyAdd(Widen(high), Vector256.LoadUnsafe(ref queryStart, (nuint)(i + Vector256<float>.Count)), sum1);
            }

            sum += Vector256.Sum(sum0 + sum1);
        }

        for (; i < length; i++)
        {
            // Subnormals count as zero here too, so a score does not depend on where the vector loops end.
            ref ushort bits = ref Unsafe.Add(ref codeStart, i);
            if ((bits & 0x7C00) != 0)
            {
                sum += Unsafe.Add(ref queryStart, i) * (float)Unsafe.As<ushort, Half>(ref bits);
            }
        }

        return sum;
    }

    // Half bits s|eeeee|mmmmmmmmmm → float bits s|eeeeeeee|mmmmmmmmmm0000000000000: the exponent is rebiased from 15
    // to 127 by adding 112 << 23; lanes with a zero exponent (zero or subnormal) become ±0. Never sees Inf or NaN:
    // stored vectors are finite unit vectors.
    private static Vector512<float> Widen(Vector512<uint> bits)
    {
        Vector512<uint> magnitude = bits & Vector512.Create(0x7FFFu);
        Vector512<uint> rebiased = (magnitude << 13) + Vector512.Create(112u << 23);
        Vector512<uint> normal = Vector512.GreaterThan(magnitude, Vector512.Create(0x3FFu));
        return ((rebiased & normal) | ((bits & Vector512.Create(0x8000u)) << 16)).AsSingle();
    }

    private static Vector256<float> Widen(Vector256<uint> bits)
    {
        Vector256<uint> magnitude = bits & Vector256.Create(0x7FFFu);
        Vector256<uint> rebiased = (magnitude << 13) + Vector256.Create(112u << 23);
        Vector256<uint> normal = Vector256.GreaterThan(magnitude, Vector256.Create(0x3FFu));
        return ((rebiased & normal) | ((bits & Vector256.Create(0x8000u)) << 16)).AsSingle();
    }

    private static void CheckLengths(int floats, int codes)
    {
        if (floats != codes)
        {
            throw new ArgumentException($"The float span has {floats} components but the half span has {codes}.");
        }
    }
}
