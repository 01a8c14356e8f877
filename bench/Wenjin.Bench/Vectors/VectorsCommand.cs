using System.Diagnostics;
using System.Globalization;
using Wenjin.Bench.Metrics;
using Wenjin.Bench.Reporting;
using Wenjin.Hosting.Vectors;

namespace Wenjin.Bench.Vectors;

/// <summary>
/// <c>vectors</c>: build time, memory, k = 10 search latency and recall@10 of the in-process vector indexes on seeded
/// clustered vectors (<see cref="ClusteredVectorSource"/>). The float32 exact index always runs first: its results
/// are the ground truth every other row's recall is measured against.
/// </summary>
internal static class VectorsCommand
{
    private const int K = 10;
    private const int WarmupQueries = 5;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1);
    private const int BatchVectors = 4096;
    private const int Seed = 20240601;

    // Query vectors come from the same distribution at indices no data vector uses.
    private const long QueryIndexBase = 1L << 40;

    public static int Run(CommandLineOptions options)
    {
        int[] counts = IntegerList(options, "counts", [100_000, 1_000_000]);
        int dimensions = options.PositiveInt("dims") ?? 768;
        int queryCount = options.PositiveInt("queries") ?? 200;
        VectorEncoding[] encodings = EncodingList(options.Value("encodings") ?? "float32,float16,int8", "encodings");
        VectorEncoding[] hnswEncodings = options.Value("hnsw") is { } hnsw ? EncodingList(hnsw, "hnsw") : [];
        var hnswOptions = new HnswOptions
        {
            M = options.PositiveInt("m") ?? 16,
            EfConstruction = options.PositiveInt("ef-construction") ?? 200,
        };
        int[] efSearches = IntegerList(options, "ef-search", [64]);

        var source = new ClusteredVectorSource(dimensions, Seed);
        var results = new List<VectorBenchResult>();
        Console.Error.WriteLine($"[vectors] data: {ClusteredVectorSource.Description}; seed {Seed}; {Environment.ProcessorCount} cores");
        foreach (int count in counts)
        {
            float[][] queries = [.. Enumerable.Range(0, queryCount).Select(q => Query(source, q))];
            int[][]? truth = null;
            foreach (VectorEncoding encoding in encodings.Prepend(VectorEncoding.Float32).Distinct())
            {
                var (index, seconds, managed) = Build(() => new ExactVectorIndex(dimensions, encoding, count), source, count, $"exact {Name(encoding)}");
                using ExactVectorIndex built = index;
                var (latency, answers) = Search(queries, query => index.Search(query, K));
                truth ??= answers;
                results.Add(Row(count, dimensions, "exact", encoding, "", null, seconds, managed, index.AllocatedBytes, latency, Recall(answers, truth)));
                Console.Error.WriteLine($"[vectors] {Describe(results[^1])}");
            }

            foreach (VectorEncoding encoding in hnswEncodings)
            {
                string parameters = $"M={hnswOptions.M} efC={hnswOptions.EfConstruction}";
                var (index, seconds, managed) = Build(() => new HnswVectorIndex(dimensions, encoding, hnswOptions, count), source, count, $"hnsw {Name(encoding)} {parameters}");
                using HnswVectorIndex built = index;
                foreach (int ef in efSearches)
                {
                    var (latency, answers) = Search(queries, query => index.Search(query, K, ef));
                    results.Add(Row(count, dimensions, "hnsw", encoding, parameters, ef, seconds, managed, index.AllocatedBytes, latency, Recall(answers, truth!)));
                    Console.Error.WriteLine($"[vectors] {Describe(results[^1])}");
                }
            }
        }

        Console.WriteLine($"## Vector indexes: {dimensions} dims, k = {K}, {queryCount} queries");
        Console.WriteLine();
        Console.WriteLine(Render(results));
        Console.WriteLine($"Data: {ClusteredVectorSource.Description} (seed {Seed}). Build s = the Add calls only; heap MB = managed heap growth over the build (GC.GetTotalMemory after full collections); B/vector = heap bytes / vectors; latency = one query at a time on this thread (exact searches split into partitions over {Environment.ProcessorCount} cores); recall@10 against float32 exact.");

        if (options.Value("json") is { } jsonPath)
        {
            BenchJson.Write(jsonPath, new { vectors = results, data = ClusteredVectorSource.Description, seed = Seed, cores = Environment.ProcessorCount });
            Console.WriteLine($"Results written to {jsonPath}");
        }

        return 0;
    }

    /// <summary>Creates the index (with room for every vector) and adds the vectors; heap growth is measured around both.</summary>
    private static (T Index, double Seconds, long ManagedBytes) Build<T>(Func<T> create, ClusteredVectorSource source, int count, string label)
        where T : IVectorIndex
    {
        int dimensions = source.Dimensions;
        float[] batch = new float[BatchVectors * dimensions];
        long before = SettledHeapBytes();
        T index = create();
        var clock = new Stopwatch();
        var progress = Stopwatch.StartNew();
        for (int first = 0; first < count; first += BatchVectors)
        {
            int size = Math.Min(BatchVectors, count - first);
            source.FillBatch(first, size, batch);
            clock.Start();
            for (int i = 0; i < size; i++)
            {
                index.Add(first + i, batch.AsSpan(i * dimensions, dimensions));
            }

            clock.Stop();
            if (progress.Elapsed.TotalSeconds >= 30)
            {
                Console.Error.WriteLine($"[vectors] {label}: {first + size}/{count} added, {clock.Elapsed.TotalSeconds:F0} s");
                progress.Restart();
            }
        }

        long after = SettledHeapBytes();
        GC.KeepAlive(batch);
        return (index, clock.Elapsed.TotalSeconds, after - before);
    }

    private static (LatencyRecorder Latency, int[][] Answers) Search(float[][] queries, Func<float[], (int Id, float Score)[]> search)
    {
        // Untimed until tiered compilation has settled: at least 5 queries and one second (at most one pass).
        var warmup = Stopwatch.StartNew();
        for (int q = 0; q < queries.Length && (q < WarmupQueries || warmup.Elapsed < WarmupTime); q++)
        {
            search(queries[q]);
        }

        var latency = new LatencyRecorder();
        var answers = new int[queries.Length][];
        for (int q = 0; q < queries.Length; q++)
        {
            long start = Stopwatch.GetTimestamp();
            var found = search(queries[q]);
            latency.Record(Stopwatch.GetElapsedTime(start));
            answers[q] = [.. found.Select(result => result.Id)];
        }

        return (latency, answers);
    }

    private static double Recall(int[][] answers, int[][] truth)
    {
        double sum = 0;
        for (int q = 0; q < truth.Length; q++)
        {
            sum += (double)answers[q].Intersect(truth[q]).Count() / truth[q].Length;
        }

        return sum / truth.Length;
    }

    private static VectorBenchResult Row(int count, int dimensions, string index, VectorEncoding encoding, string parameters, int? ef,
        double seconds, long managed, long indexBytes, LatencyRecorder latency, double recall) => new()
        {
            Count = count,
            Dimensions = dimensions,
            Index = index,
            Encoding = Name(encoding),
            Parameters = parameters,
            EfSearch = ef,
            BuildSeconds = seconds,
            ManagedBytes = managed,
            IndexBytes = indexBytes,
            Queries = latency.Count,
            P50Ms = latency.Percentile(50),
            P99Ms = latency.Percentile(99),
            MeanMs = latency.Mean(),
            RecallAt10 = recall,
        };

    private static string Render(IReadOnlyList<VectorBenchResult> results)
    {
        var table = new MarkdownTable("vectors", "index", "encoding", "build params", "ef", "build s", "heap MB", "B/vector", "p50 ms", "p99 ms", "recall@10");
        foreach (VectorBenchResult r in results)
        {
            table.AddRow(
                r.Count.ToString("N0", CultureInfo.InvariantCulture), r.Index, r.Encoding, r.Parameters,
                r.EfSearch?.ToString(CultureInfo.InvariantCulture) ?? "", Fixed(r.BuildSeconds, "F1"), Fixed(r.ManagedBytes / 1e6, "F0"),
                Fixed((double)r.ManagedBytes / r.Count, "F0"), Fixed(r.P50Ms, "F2"), Fixed(r.P99Ms, "F2"), Fixed(r.RecallAt10, "F3"));
        }

        return table.ToString();
    }

    private static string Describe(VectorBenchResult r) =>
        $"{r.Count} {r.Index} {r.Encoding} {r.Parameters} ef={r.EfSearch}: build {r.BuildSeconds:F1} s, heap {r.ManagedBytes / 1e6:F0} MB (index {r.IndexBytes / 1e6:F0} MB), p50 {r.P50Ms:F2} ms, p99 {r.P99Ms:F2} ms, recall@10 {r.RecallAt10:F3}";

    private static long SettledHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static float[] Query(ClusteredVectorSource source, int q)
    {
        var query = new float[source.Dimensions];
        source.Fill(QueryIndexBase + q, query);
        return query;
    }

    private static string Name(VectorEncoding encoding) => encoding.ToString().ToLowerInvariant();

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static int[] IntegerList(CommandLineOptions options, string name, int[] defaults)
    {
        if (options.Value(name) is not { } text)
        {
            return defaults;
        }

        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
            int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
                ? value
                : throw new FormatException($"Option --{name} needs positive integers separated by commas, got '{text}'."))];
    }

    private static VectorEncoding[] EncodingList(string text, string name)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item => item.ToLowerInvariant() switch
        {
            "float32" => VectorEncoding.Float32,
            "float16" => VectorEncoding.Float16,
            "int8" => VectorEncoding.Int8,
            _ => throw new FormatException($"Option --{name} takes float32, float16, int8 (comma-separated) or none; got '{item}'."),
        }).Distinct()];
    }
}
