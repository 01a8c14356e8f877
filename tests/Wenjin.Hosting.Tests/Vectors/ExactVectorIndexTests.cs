using Wenjin.Hosting.Vectors;

namespace Wenjin.Hosting.Tests.Vectors;

public sealed class ExactVectorIndexTests
{
    private const int K = 10;

    [Theory]
    [InlineData(VectorEncoding.Float32, 3000, 128, 1e-5)]
    [InlineData(VectorEncoding.Float16, 3000, 128, 1e-3)]
    [InlineData(VectorEncoding.Int8, 3000, 128, 1e-2)]
    [InlineData(VectorEncoding.Float32, 3000, 37, 1e-5)] // lengths that leave scalar tails after the vector loops
    [InlineData(VectorEncoding.Float16, 3000, 37, 1e-3)]
    [InlineData(VectorEncoding.Int8, 3000, 50, 1e-2)]
    [InlineData(VectorEncoding.Float32, 20_000, 128, 1e-5)] // 20 000 × 128 components: the parallel, partitioned path
    [InlineData(VectorEncoding.Float16, 20_000, 128, 1e-3)]
    [InlineData(VectorEncoding.Int8, 20_000, 128, 1e-2)]
    public void Search_MatchesTheDoublePrecisionReference(VectorEncoding encoding, int count, int dimensions, double tolerance)
    {
        float[][] vectors = VectorTestData.Random(count, dimensions, seed: 1);
        int[] ids = [.. Enumerable.Range(0, count).Select(i => (i * 7) + 3)];
        using var index = Build(encoding, vectors, ids);

        foreach (float[] query in VectorTestData.Random(20, dimensions, seed: 2))
        {
            var results = index.Search(query, K);
            var reference = VectorTestData.Reference(vectors, ids, query);
            var referenceScore = reference.ToDictionary(r => r.Id, r => r.Score);

            Assert.Equal(K, results.Length);

            // Same ids in the same order, except that ids whose reference scores are within the encoding's
            // tolerance may trade places: position by position the reference score of the returned id equals the
            // reference's own score at that position.
            for (int i = 0; i < K; i++)
            {
                Assert.InRange(referenceScore[results[i].Id], reference[i].Score - (2 * tolerance), reference[i].Score + (2 * tolerance));
                Assert.InRange(results[i].Score, referenceScore[results[i].Id] - tolerance, referenceScore[results[i].Id] + tolerance);
            }

            for (int i = 1; i < K; i++)
            {
                Assert.True(results[i - 1].Score >= results[i].Score);
            }
        }
    }

    [Fact]
    public void Float32_ReturnsExactlyTheReferenceIdsInOrder_WhenScoresAreWellSeparated()
    {
        // Few vectors, so neighbouring scores differ far more than float rounding: no ties to excuse.
        float[][] vectors = VectorTestData.Random(200, 32, seed: 3);
        int[] ids = [.. Enumerable.Range(0, vectors.Length)];
        using var index = Build(VectorEncoding.Float32, vectors, ids);
        float[] query = VectorTestData.Random(1, 32, seed: 4)[0];

        var reference = VectorTestData.Reference(vectors, ids, query);
        Assert.Equal(reference.Take(K).Select(r => r.Id), index.Search(query, K).Select(r => r.Id));
    }

    [Fact]
    public void Int8_KeepsAtLeastNineOfTheTopTen()
    {
        const int Dimensions = 128;
        float[][] vectors = VectorTestData.Random(20_000, Dimensions, seed: 5);
        int[] ids = [.. Enumerable.Range(0, vectors.Length)];
        using var int8 = Build(VectorEncoding.Int8, vectors, ids);
        using var float32 = Build(VectorEncoding.Float32, vectors, ids);
        float[][] queries = VectorTestData.Random(50, Dimensions, seed: 6);

        var expected = queries.Select(query => float32.Search(query, K)).ToArray();
        var actual = queries.Select(query => int8.Search(query, K)).ToArray();

        Assert.True(VectorTestData.Recall(actual, expected) >= 0.9, $"int8 top-10 overlap {VectorTestData.Recall(actual, expected):F3}");
        for (int q = 0; q < queries.Length; q++)
        {
            // Scores stay cosines of the quantised vectors: within 0.02 of the exact ones.
            foreach (var (id, score) in actual[q])
            {
                Assert.InRange(score, VectorTestData.Cosine(vectors[id], queries[q]) - 0.02, VectorTestData.Cosine(vectors[id], queries[q]) + 0.02);
            }
        }
    }

    [Theory]
    [InlineData(VectorEncoding.Float32)]
    [InlineData(VectorEncoding.Float16)]
    [InlineData(VectorEncoding.Int8)]
    public void WrongDimension_IsRejectedWithBothDimensionsInTheMessage(VectorEncoding encoding)
    {
        using var index = new ExactVectorIndex(768, encoding);

        var add = Assert.Throws<ArgumentException>(() => index.Add(1, new float[1024]));
        Assert.Contains("1024", add.Message, StringComparison.Ordinal);
        Assert.Contains("768", add.Message, StringComparison.Ordinal);
        Assert.Equal("vector", add.ParamName);

        var search = Assert.Throws<ArgumentException>(() => index.Search(new float[384], 5));
        Assert.Contains("384", search.Message, StringComparison.Ordinal);
        Assert.Contains("768", search.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void ZeroAndNonFiniteVectors_AreRejected()
    {
        using var index = new ExactVectorIndex(3);

        Assert.Throws<ArgumentException>(() => index.Add(1, [0, 0, 0]));
        Assert.Throws<ArgumentException>(() => index.Add(1, [1, float.NaN, 0]));
        Assert.Throws<ArgumentException>(() => index.Add(1, [1, float.PositiveInfinity, 0]));
        Assert.Throws<ArgumentException>(() => index.Search([0, 0, 0], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1, 0, 0], 0));
        Assert.Equal(0, index.Count);
    }

    [Theory]
    [InlineData(VectorEncoding.Float32)]
    [InlineData(VectorEncoding.Int8)]
    public void Remove_TakesTheIdOutAndKeepsEveryOtherSearchable(VectorEncoding encoding)
    {
        float[][] vectors = VectorTestData.Random(500, 16, seed: 7);
        int[] ids = [.. Enumerable.Range(1000, vectors.Length)];
        using var index = Build(encoding, vectors, ids);
        var removed = ids.Where(id => id % 3 == 0).ToHashSet();

        foreach (int id in removed)
        {
            Assert.True(index.Remove(id));
        }

        Assert.False(index.Remove(removed.First()));
        Assert.False(index.Remove(-1));
        Assert.Equal(vectors.Length - removed.Count, index.Count);
        Assert.False(index.Contains(removed.First()));

        // Every remaining vector is still found as its own best match, under its own id.
        for (int i = 0; i < vectors.Length; i++)
        {
            var results = index.Search(vectors[i], vectors.Length);
            Assert.Equal(index.Count, results.Length);
            Assert.DoesNotContain(results, result => removed.Contains(result.Id));
            if (!removed.Contains(ids[i]))
            {
                Assert.Equal(ids[i], results[0].Id);
                Assert.Equal(1, results[0].Score, 0.01);
            }
        }
    }

    [Fact]
    public void Add_WithAnExistingId_ReplacesItsVector()
    {
        using var index = new ExactVectorIndex(2);
        index.Add(1, [1, 0]);
        index.Add(2, [0, 1]);

        index.Add(1, [0, -1]);

        Assert.Equal(2, index.Count);
        Assert.Equal([(2, 1f), (1, -1f)], index.Search([0, 5], 10));
    }

    [Fact]
    public void Search_OnAnEmptyIndexOrWithKBeyondCount_ReturnsWhatThereIs()
    {
        using var index = new ExactVectorIndex(2, VectorEncoding.Float16);
        Assert.Empty(index.Search([1, 1], 3));

        index.Add(5, [3, 4]);
        var single = Assert.Single(index.Search([3, 4], 3));
        Assert.Equal(5, single.Id);
        Assert.Equal(1, single.Score, 0.001);
    }

    private static ExactVectorIndex Build(VectorEncoding encoding, float[][] vectors, int[] ids)
    {
        var index = new ExactVectorIndex(vectors[0].Length, encoding);
        for (int i = 0; i < vectors.Length; i++)
        {
            index.Add(ids[i], vectors[i]);
        }

        return index;
    }
}
