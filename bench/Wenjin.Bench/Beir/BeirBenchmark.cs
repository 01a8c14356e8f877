using System.Diagnostics;
using Wenjin.Bench.Engines;
using Wenjin.Bench.Metrics;

namespace Wenjin.Bench.Beir;

/// <summary>
/// Runs one engine over one BEIR dataset: index every document, warm up, then run every judged query once, timing
/// each search and scoring its top <see cref="Depth"/> distinct documents.
/// </summary>
internal static class BeirBenchmark
{
    /// <summary>Documents scored per query (the @10 of every metric).</summary>
    public const int Depth = 10;

    /// <summary>Untimed searches run first so JIT compilation and cold caches do not land in the latencies.</summary>
    private const int WarmUpQueries = 5;

    public static async Task<BeirEngineResult> RunAsync(BeirDataset dataset, IRetrievalEngine engine, CancellationToken cancellationToken = default)
    {
        Console.Error.WriteLine($"[{dataset.Name}] {engine.Name}: indexing {dataset.Documents.Count} documents");
        var indexClock = Stopwatch.StartNew();
        int chunks = await engine.IndexAsync(dataset.Documents, cancellationToken).ConfigureAwait(false);
        indexClock.Stop();

        foreach (BeirQuery query in dataset.Queries.Take(WarmUpQueries))
        {
            await engine.SearchAsync(query.Text, Depth, cancellationToken).ConfigureAwait(false);
        }

        Console.Error.WriteLine($"[{dataset.Name}] {engine.Name}: indexed in {indexClock.Elapsed.TotalSeconds:F1} s; running {dataset.Queries.Count} queries");
        var latency = new LatencyRecorder();
        double recall1 = 0, hit1 = 0, recall5 = 0, recall10 = 0, mrr = 0, ndcg = 0;
        foreach (BeirQuery query in dataset.Queries)
        {
            long start = Stopwatch.GetTimestamp();
            IReadOnlyList<string> ranked = await engine.SearchAsync(query.Text, Depth, cancellationToken).ConfigureAwait(false);
            latency.Record(Stopwatch.GetElapsedTime(start));

            recall1 += RetrievalMetrics.RecallAt(ranked, query.Relevance, 1);
            hit1 += RetrievalMetrics.ReciprocalRankAt(ranked, query.Relevance, 1);
            recall5 += RetrievalMetrics.RecallAt(ranked, query.Relevance, 5);
            recall10 += RetrievalMetrics.RecallAt(ranked, query.Relevance, 10);
            mrr += RetrievalMetrics.ReciprocalRankAt(ranked, query.Relevance, Depth);
            ndcg += RetrievalMetrics.NdcgAt(ranked, query.Relevance, Depth);
        }

        int n = Math.Max(1, dataset.Queries.Count);
        return new BeirEngineResult
        {
            Dataset = dataset.Name,
            Engine = engine.Name,
            MeasuredAt = DateTimeOffset.UtcNow,
            Documents = dataset.Documents.Count,
            Chunks = chunks,
            Queries = dataset.Queries.Count,
            RecallAt1 = recall1 / n,
            HitAt1 = hit1 / n,
            RecallAt5 = recall5 / n,
            RecallAt10 = recall10 / n,
            MrrAt10 = mrr / n,
            NdcgAt10 = ndcg / n,
            P50Ms = latency.Percentile(50),
            P99Ms = latency.Percentile(99),
            IndexSeconds = indexClock.Elapsed.TotalSeconds,
            IndexBytes = engine.IndexSizeBytes(),
        };
    }
}
