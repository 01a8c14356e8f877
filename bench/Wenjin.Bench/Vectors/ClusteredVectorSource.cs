using System.Numerics.Tensors;

namespace Wenjin.Bench.Vectors;

/// <summary>
/// Seeded synthetic embeddings with the structure that makes recall meaningful: 1000 Gaussian clusters around random
/// unit centres; a point's offset from its centre (norm ≈ 0.5) lies in a shared random 32-dimensional subspace, plus
/// isotropic noise of norm ≈ 0.1 in every dimension. Real text embeddings are likewise clustered by topic and have a
/// low intrinsic dimension; uniformly random vectors would make every neighbour nearly as far as any other.
/// Vector i depends only on (seed, i), so any vector can be regenerated, in parallel, without storing the set.
/// </summary>
internal sealed class ClusteredVectorSource
{
    public const int Clusters = 1000;
    public const int LatentDimensions = 32;
    private const double Spread = 0.5;
    private const double NoiseSpread = 0.1;

    private readonly float[] _centres;
    private readonly float[] _basis;
    private readonly int _seed;

    public ClusteredVectorSource(int dimensions, int seed)
    {
        Dimensions = dimensions;
        _seed = seed;
        var random = new Random(seed);
        _centres = UnitRows(random, Clusters, dimensions);
        _basis = UnitRows(random, LatentDimensions, dimensions);
    }

    public int Dimensions { get; }

    public static string Description =>
        $"{Clusters} Gaussian clusters, offsets of norm ≈ {Spread} in a shared {LatentDimensions}-dim subspace + isotropic noise of norm ≈ {NoiseSpread}";

    /// <summary>Vector <paramref name="index"/> (not normalised; the indexes normalise).</summary>
    public void Fill(long index, Span<float> destination)
    {
        var random = new Random(unchecked((int)((ulong)index * 0x9E3779B1UL) ^ _seed));
        int cluster = random.Next(Clusters);
        _centres.AsSpan(cluster * Dimensions, Dimensions).CopyTo(destination);
        double latentSigma = Spread / Math.Sqrt(LatentDimensions);
        for (int l = 0; l < LatentDimensions; l++)
        {
            float weight = (float)(Gaussian(random) * latentSigma);
            TensorPrimitives.MultiplyAdd(_basis.AsSpan(l * Dimensions, Dimensions), weight, destination, destination);
        }

        double noiseSigma = NoiseSpread / Math.Sqrt(Dimensions);
        for (int d = 0; d < Dimensions; d++)
        {
            destination[d] += (float)(Gaussian(random) * noiseSigma);
        }
    }

    /// <summary>Vectors first…first+count−1 into consecutive rows of <paramref name="buffer"/>, generated in parallel.</summary>
    public void FillBatch(long first, int count, float[] buffer) =>
        Parallel.For(0, count, i => Fill(first + i, buffer.AsSpan(i * Dimensions, Dimensions)));

    private static float[] UnitRows(Random random, int rows, int dimensions)
    {
        var values = new float[rows * dimensions];
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = values.AsSpan(r * dimensions, dimensions);
            for (int d = 0; d < dimensions; d++)
            {
                row[d] = (float)Gaussian(random);
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return values;
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
