using Wenjin.Hosting.Vectors;

namespace Wenjin.Hosting.Tests.Vectors;

public sealed class VectorCodecTests
{
    // Lengths that exercise the 32-wide, 16-wide and scalar parts of the vectorised loops.
    public static TheoryData<int> Lengths => [1, 7, 16, 31, 33, 50, 128, 768, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float16_RoundTripsWithinHalfPrecision_AndDotsLikeTheDecodedVector(int length)
    {
        float[] vector = Unit(VectorTestData.Random(1, length, seed: length)[0]);
        float[] query = Unit(VectorTestData.Random(1, length, seed: length + 1)[0]);
        var codes = new Half[length];
        var decoded = new float[length];

        Float16VectorCodec.Encode(vector, codes);
        Float16VectorCodec.Decode(codes, decoded);

        for (int i = 0; i < length; i++)
        {
            // Round to nearest: relative error at most 2^-11 for normal halves, absolute 2^-25 below them.
            Assert.True(Math.Abs(decoded[i] - vector[i]) <= Math.Max(Math.Abs(vector[i]) * Math.Pow(2, -11), Math.Pow(2, -25)));
        }

        Assert.Equal(Dot(query, decoded), Float16VectorCodec.Dot(query, codes), 1e-5);
    }

    [Fact]
    public void Float16_Dot_CountsSubnormalComponentsAsZero()
    {
        float[] query = new float[40];
        Array.Fill(query, 1f);
        var codes = new Half[40];
        codes[3] = (Half)0.5f;
        codes[17] = (Half)(-0.25f);
        codes[5] = (Half)(-3e-6f); // subnormal in half precision, inside the vector loop
        codes[35] = (Half)1e-6f; // subnormal, in the scalar tail
        codes[36] = (Half)(-0f);

        Assert.Equal(0.25f, Float16VectorCodec.Dot(query, codes));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Int8_UsesTheFullRange_DecodesToAUnitVector_AndDotsLikeIt(int length)
    {
        float[] vector = VectorTestData.Random(1, length, seed: 100 + length)[0];
        float[] query = Unit(VectorTestData.Random(1, length, seed: 200 + length)[0]);
        var codes = new sbyte[length];
        var decoded = new float[length];

        float scale = Int8VectorCodec.Encode(vector, codes);
        Int8VectorCodec.Decode(codes, scale, decoded);

        Assert.Equal(127, codes.Max(code => Math.Abs((int)code)));
        Assert.Equal(1, Math.Sqrt(decoded.Sum(component => (double)component * component)), 1e-5);
        Assert.True(VectorTestData.Cosine(vector, decoded) > (length > 1 ? 0.999 : 0.99999));
        Assert.Equal(Dot(query, decoded), Int8VectorCodec.Dot(query, codes, scale), 1e-5);
    }

    [Fact]
    public void Int8_RejectsZeroAndMismatchedLengths()
    {
        Assert.Throws<ArgumentException>(() => Int8VectorCodec.Encode([0, 0, 0], new sbyte[3]));
        Assert.Throws<ArgumentException>(() => Int8VectorCodec.Encode([1, 0, 0], new sbyte[2]));
        Assert.Throws<ArgumentException>(() => Float16VectorCodec.Encode([1, 0, 0], new Half[4]));
    }

    private static float[] Unit(float[] vector)
    {
        double length = Math.Sqrt(vector.Sum(component => (double)component * component));
        return [.. vector.Select(component => (float)(component / length))];
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }
}
