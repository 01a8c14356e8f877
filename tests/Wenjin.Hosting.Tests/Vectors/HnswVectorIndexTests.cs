using Wenjin.Hosting.Vectors;

namespace Wenjin.Hosting.Tests.Vectors;

public sealed class HnswVectorIndexTests : IClassFixture<HnswRandomFixture>
{
    private const int K = 10;

    private readonly HnswRandomFixture _random;

    public HnswVectorIndexTests(HnswRandomFixture random)
    {
        _random = random;
    }

    [Fact]
    public void Recall_OnRandomUnitVectors_IsAtLeast95Percent()
    {
        // Uniformly random directions have the full 64 intrinsic dimensions, the hardest case for a graph: with the
        // default ef 64 recall@10 is about 0.7 here, as with hnswlib 0.6.2 (M 16, efConstruction 200) on the same
        // kind of data; ef 300 reaches 0.95.
        var actual = _random.Queries.Select(query => _random.Index.Search(query, K, ef: 300)).ToArray();

        double recall = VectorTestData.Recall(actual, _random.Exact);

        Assert.True(recall >= 0.95, $"recall@10 = {recall:F3} at ef = 300");
    }

    [Fact]
    public void Recall_RisesWithEf()
    {
        double Recall(int ef) => VectorTestData.Recall([.. _random.Queries.Select(query => _random.Index.Search(query, K, ef))], _random.Exact);

        double low = Recall(10);
        double middle = Recall(64);
        double high = Recall(600);

        Assert.True(low < middle && middle < high, $"ef 10: {low:F3}, ef 64: {middle:F3}, ef 600: {high:F3}");
        Assert.True(high >= 0.99, $"recall@10 = {high:F3} at ef = 600");
    }

    [Theory]
    [InlineData(VectorEncoding.Float32)]
    [InlineData(VectorEncoding.Float16)]
    [InlineData(VectorEncoding.Int8)]
    public void Recall_OnClusteredVectors_IsAtLeast95Percent(VectorEncoding encoding)
    {
        // 100 clusters, each spread along a shared 8-dimensional subspace: the neighbours of a point are in its own
        // cluster, and links between clusters must survive the neighbour heuristic for the walk to get there.
        const int Dimensions = 96;
        float[][] vectors = VectorTestData.Clustered(10_000, Dimensions, clusters: 100, latentDimensions: 8, spread: 0.5, seed: 11);
        float[][] queries = VectorTestData.Clustered(100, Dimensions, clusters: 100, latentDimensions: 8, spread: 0.5, seed: 12);
        using var hnsw = new HnswVectorIndex(Dimensions, encoding, new HnswOptions { EfConstruction = 100 });
        using var exact = new ExactVectorIndex(Dimensions, encoding);
        for (int i = 0; i < vectors.Length; i++)
        {
            hnsw.Add(i, vectors[i]);
            exact.Add(i, vectors[i]);
        }

        double recall = VectorTestData.Recall([.. queries.Select(query => hnsw.Search(query, K))], [.. queries.Select(query => exact.Search(query, K))]);

        Assert.True(recall >= 0.95, $"recall@10 = {recall:F3}");
    }

    [Fact]
    public void Results_AreBestFirstWithTheStoredVectorsCosine()
    {
        float[] query = _random.Queries[0];
        var results = _random.Index.Search(query, K);

        Assert.Equal(K, results.Length);
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(VectorTestData.Cosine(_random.Vectors[results[i].Id], query), results[i].Score, 1e-5);
            Assert.True(i == 0 || results[i - 1].Score >= results[i].Score);
        }
    }

    [Fact]
    public void ConcurrentSearches_GiveTheSameResultsAsSequentialOnes()
    {
        var sequential = _random.Queries.Select(query => _random.Index.Search(query, K, ef: 48)).ToArray();
        const int Rounds = 8;
        var concurrent = new (int Id, float Score)[Rounds][][];

        Parallel.For(0, Rounds, new ParallelOptions { MaxDegreeOfParallelism = Rounds }, round =>
        {
            var results = new (int Id, float Score)[_random.Queries.Length][];
            for (int q = 0; q < _random.Queries.Length; q++)
            {
                // Each round walks the queries in its own order so that different queries overlap.
                int query = (q + (round * 13)) % _random.Queries.Length;
                results[query] = _random.Index.Search(_random.Queries[query], K, ef: 48);
            }

            concurrent[round] = results;
        });

        foreach (var round in concurrent)
        {
            for (int q = 0; q < sequential.Length; q++)
            {
                Assert.Equal(sequential[q], round[q]);
            }
        }
    }

    [Theory]
    [InlineData(VectorEncoding.Float32)]
    [InlineData(VectorEncoding.Float16)]
    [InlineData(VectorEncoding.Int8)]
    public void SaveAndLoad_GiveAnIndexThatAnswersIdentically(VectorEncoding encoding)
    {
        float[][] vectors = VectorTestData.Random(3000, 24, seed: 21);
        float[][] queries = VectorTestData.Random(50, 24, seed: 22);
        using var original = new HnswVectorIndex(24, encoding, new HnswOptions { M = 8, EfConstruction = 60, EfSearch = 30, Seed = 5 });
        for (int i = 0; i < vectors.Length; i++)
        {
            original.Add(i * 2, vectors[i]);
        }

        original.Remove(10);
        original.Remove(20);

        using var file = new MemoryStream();
        original.Save(file);
        file.Position = 0;
        using var loaded = HnswVectorIndex.Load(file);

        Assert.Equal(original.Options, loaded.Options);
        Assert.Equal(original.Encoding, loaded.Encoding);
        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.NodeCount, loaded.NodeCount);
        Assert.False(loaded.Contains(10));
        Assert.True(loaded.Contains(12));
        foreach (float[] query in queries)
        {
            Assert.Equal(original.Search(query, K), loaded.Search(query, K));
            Assert.Equal(original.Search(query, 3, ef: 100), loaded.Search(query, 3, ef: 100));
        }

        // Building goes on deterministically: the same additions after loading give the same graph.
        float[][] more = VectorTestData.Random(200, 24, seed: 23);
        for (int i = 0; i < more.Length; i++)
        {
            original.Add(100_000 + i, more[i]);
            loaded.Add(100_000 + i, more[i]);
        }

        Assert.Equal(Bytes(original), Bytes(loaded));
    }

    [Fact]
    public void Build_IsDeterministicForASeed()
    {
        float[][] vectors = VectorTestData.Random(2000, 16, seed: 31);
        var options = new HnswOptions { M = 6, EfConstruction = 40, Seed = 9 };

        byte[] first = Bytes(BuildIndex(vectors, options));
        byte[] second = Bytes(BuildIndex(vectors, options));
        byte[] otherSeed = Bytes(BuildIndex(vectors, options with { Seed = 10 }));

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Load_RejectsWhatIsNotAnIndexFile()
    {
        using var index = BuildIndex(VectorTestData.Random(300, 8, seed: 41), new HnswOptions { M = 4, EfConstruction = 20 });
        byte[] bytes = Bytes(index);

        Assert.Throws<InvalidDataException>(() => HnswVectorIndex.Load(new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])));
        Assert.Throws<InvalidDataException>(() => HnswVectorIndex.Load(new MemoryStream(bytes[..(bytes.Length / 2)])));

        byte[] newerVersion = (byte[])bytes.Clone();
        newerVersion[8] = 99;
        var version = Assert.Throws<InvalidDataException>(() => HnswVectorIndex.Load(new MemoryStream(newerVersion)));
        Assert.Contains("99", version.Message, StringComparison.Ordinal);

        // The first layer-0 link of node 0 pointing past the last node. Offset: 56 header bytes, then per node an id
        // (4), a deleted flag (1) and 8 float32 components (32); the pool length (4); per node a level (1) and an
        // upper-pool start (4); then node 0's link count (4).
        const int Nodes = 300;
        int firstLink = 56 + (Nodes * (4 + 1 + 32)) + 4 + (Nodes * (1 + 4)) + 4;
        byte[] badLink = (byte[])bytes.Clone();
        Assert.True(BitConverter.ToInt32(bytes, firstLink - 4) > 0);
        BitConverter.TryWriteBytes(badLink.AsSpan(firstLink), Nodes);
        Assert.Throws<InvalidDataException>(() => HnswVectorIndex.Load(new MemoryStream(badLink)));
    }

    [Fact]
    public void Remove_HidesTheIdButKeepsItsNeighboursReachable()
    {
        float[][] vectors = VectorTestData.Random(3000, 16, seed: 51);
        using var index = BuildIndex(vectors, new HnswOptions { M = 8, EfConstruction = 80 });
        using var exact = new ExactVectorIndex(16);
        for (int i = 0; i < vectors.Length; i++)
        {
            exact.Add(i, vectors[i]);
        }

        for (int id = 0; id < vectors.Length; id += 2)
        {
            Assert.True(index.Remove(id));
            Assert.True(exact.Remove(id));
        }

        Assert.False(index.Remove(0));
        Assert.Equal(1500, index.Count);
        Assert.Equal(3000, index.NodeCount);

        float[][] queries = VectorTestData.Random(100, 16, seed: 52);
        var actual = queries.Select(query => index.Search(query, K, ef: 100)).ToArray();
        Assert.All(actual, results => Assert.All(results, result => Assert.Equal(1, result.Id % 2)));
        Assert.All(actual, results => Assert.Equal(K, results.Length));
        double recall = VectorTestData.Recall(actual, [.. queries.Select(query => exact.Search(query, K))]);
        Assert.True(recall >= 0.95, $"recall@10 after removing half = {recall:F3}");
    }

    [Fact]
    public void Add_WithAnExistingId_ReplacesItsVector()
    {
        using var index = new HnswVectorIndex(2, VectorEncoding.Float32, new HnswOptions { M = 4 });
        index.Add(1, [1, 0]);
        index.Add(2, [0, 1]);

        index.Add(1, [0, -1]);

        Assert.Equal(2, index.Count);
        Assert.Equal([(2, 1f), (1, -1f)], index.Search([0, 5], 10));
    }

    [Fact]
    public void EmptyIndex_AndMisuse()
    {
        using var index = new HnswVectorIndex(4);
        Assert.Empty(index.Search([1, 0, 0, 0], 5));

        var wrong = Assert.Throws<ArgumentException>(() => index.Add(1, [1, 2, 3]));
        Assert.Contains("3", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("4", wrong.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => index.Search([1, 2, 3, 4, 5], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1, 0, 0, 0], 1, ef: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswVectorIndex(4, VectorEncoding.Float32, new HnswOptions { M = 1 }));

        index.Add(7, [0, 0, 0, 2]);
        Assert.Equal([(7, 1f)], index.Search([0, 0, 0, 1], 5));
        Assert.True(index.Remove(7));
        Assert.Empty(index.Search([0, 0, 0, 1], 5));
    }

    private static HnswVectorIndex BuildIndex(float[][] vectors, HnswOptions options)
    {
        var index = new HnswVectorIndex(vectors[0].Length, VectorEncoding.Float32, options);
        for (int i = 0; i < vectors.Length; i++)
        {
            index.Add(i, vectors[i]);
        }

        return index;
    }

    private static byte[] Bytes(HnswVectorIndex index)
    {
        using var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }
}
