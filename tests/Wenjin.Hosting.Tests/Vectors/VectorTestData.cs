namespace Wenjin.Hosting.Tests.Vectors;

/// <summary>Seeded vectors for the index tests, and the double-precision brute-force reference they are checked against.</summary>
internal static class VectorTestData
{
    /// <summary>Gaussian vectors (uniformly random directions), deliberately not unit length: the index must normalise.</summary>
    public static float[][] Random(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count][];
        for (int i = 0; i < count; i++)
        {
            vectors[i] = new float[dimensions];
            double length = 0.1 + (random.NextDouble() * 10);
            for (int d = 0; d < dimensions; d++)
            {
                vectors[i][d] = (float)(Gaussian(random) * length);
            }
        }

        return vectors;
    }

    /// <summary>
    /// Points around <paramref name="clusters"/> random unit centres. A point's offset from its centre lies mostly in
    /// a random <paramref name="latentDimensions"/>-dimensional subspace (norm about <paramref name="spread"/>),
    /// plus isotropic noise of norm about spread / 5: low intrinsic dimension, as text embeddings have.
    /// </summary>
    public static float[][] Clustered(int count, int dimensions, int clusters, int latentDimensions, double spread, int seed)
    {
        var random = new Random(seed);
        float[][] centres = Random(clusters, dimensions, 1000 + clusters);
        float[][] basis = Random(latentDimensions, dimensions, 2000 + latentDimensions);
        foreach (float[] vector in centres.Concat(basis))
        {
            Normalize(vector);
        }

        double latentSigma = spread / Math.Sqrt(latentDimensions);
        double noiseSigma = spread / 5 / Math.Sqrt(dimensions);
        var vectors = new float[count][];
        for (int i = 0; i < count; i++)
        {
            float[] vector = (float[])centres[random.Next(clusters)].Clone();
            foreach (float[] direction in basis)
            {
                double weight = Gaussian(random) * latentSigma;
                for (int d = 0; d < dimensions; d++)
                {
                    vector[d] += (float)(weight * direction[d]);
                }
            }

            for (int d = 0; d < dimensions; d++)
            {
                vector[d] += (float)(Gaussian(random) * noiseSigma);
            }

            vectors[i] = vector;
        }

        return vectors;
    }

    /// <summary>Cosine similarity of every vector with the query, in double precision, best first (ties: lower id).</summary>
    public static (int Id, double Score)[] Reference(IReadOnlyList<float[]> vectors, IReadOnlyList<int> ids, float[] query)
    {
        var scored = new (int Id, double Score)[vectors.Count];
        for (int i = 0; i < vectors.Count; i++)
        {
            scored[i] = (ids[i], Cosine(vectors[i], query));
        }

        Array.Sort(scored, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
        return scored;
    }

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }

        return dot / Math.Sqrt(aa * bb);
    }

    /// <summary>Mean fraction of the expected top-k ids that the actual results contain.</summary>
    public static double Recall(IReadOnlyList<(int Id, float Score)[]> actual, IReadOnlyList<(int Id, float Score)[]> expected)
    {
        double sum = 0;
        for (int q = 0; q < expected.Count; q++)
        {
            var truth = expected[q].Select(result => result.Id).ToHashSet();
            sum += (double)actual[q].Count(result => truth.Contains(result.Id)) / truth.Count;
        }

        return sum / expected.Count;
    }

    private static void Normalize(float[] vector)
    {
        double length = Math.Sqrt(vector.Sum(component => (double)component * component));
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / length);
        }
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
