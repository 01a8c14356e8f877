using Wenjin.Hosting.Vectors;

namespace Wenjin.Hosting.Tests.Vectors;

/// <summary>
/// One HNSW index with default parameters over 20 000 seeded random unit vectors of 64 dimensions (built once for
/// the class: building takes seconds), 100 queries and their exact top 10.
/// </summary>
public sealed class HnswRandomFixture : IDisposable
{
    public const int Dimensions = 64;

    public HnswRandomFixture()
    {
        Vectors = VectorTestData.Random(20_000, Dimensions, seed: 101);
        Queries = VectorTestData.Random(100, Dimensions, seed: 102);
        Index = new HnswVectorIndex(Dimensions);
        using var exact = new ExactVectorIndex(Dimensions);
        for (int i = 0; i < Vectors.Length; i++)
        {
            Index.Add(i, Vectors[i]);
            exact.Add(i, Vectors[i]);
        }

        Exact = [.. Queries.Select(query => exact.Search(query, 10))];
    }

    internal float[][] Vectors { get; }

    internal float[][] Queries { get; }

    internal HnswVectorIndex Index { get; }

    internal (int Id, float Score)[][] Exact { get; }

    public void Dispose() => Index.Dispose();
}
