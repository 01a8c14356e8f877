using System.Diagnostics;
using Wenjin.Bench.Corpus;
using Wenjin.Bench.Engines;
using Wenjin.Bench.Metrics;

namespace Wenjin.Bench.Ingestion;

/// <summary>
/// Indexes an in-memory corpus with one engine (so decompression and JSON parsing are not timed), then times a
/// query sample on the result. The corpus is loaded before either engine runs, so both see identical input.
/// </summary>
internal static class IngestBenchmark
{
    private const int WarmUpQueries = 5;
    private const int ProgressEvery = 5000;

    public static async Task<IngestEngineResult> RunAsync(
        string corpusKey,
        IReadOnlyList<CorpusDocument> documents,
        long textBytes,
        LatencyQuerySet querySet,
        IRetrievalEngine engine,
        CancellationToken cancellationToken = default)
    {
        // Start from a collected heap and a fresh peak so the memory figures belong to this engine alone.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (!PeakMemoryProbe.TryReset())
        {
            Console.Error.WriteLine("note: peak working set cannot be reset here; it is cumulative over the run");
        }

        Console.Error.WriteLine($"[ingest] {engine.Name}: indexing {documents.Count} documents ({textBytes / 1e6:F1} MB of text)");
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        int chunks = await engine.IndexAsync(WithProgress(documents, engine.Name, clock), cancellationToken).ConfigureAwait(false);
        clock.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        long indexBytes = engine.IndexSizeBytes();
        Console.Error.WriteLine($"[ingest] {engine.Name}: indexed in {clock.Elapsed.TotalSeconds:F1} s; timing {querySet.Queries.Count} queries");

        foreach (string query in querySet.Queries.Take(WarmUpQueries))
        {
            await engine.SearchAsync(query, 10, cancellationToken).ConfigureAwait(false);
        }

        var latency = new LatencyRecorder();
        foreach (string query in querySet.Queries)
        {
            long start = Stopwatch.GetTimestamp();
            await engine.SearchAsync(query, 10, cancellationToken).ConfigureAwait(false);
            latency.Record(Stopwatch.GetElapsedTime(start));
        }

        return new IngestEngineResult
        {
            Corpus = corpusKey,
            Engine = engine.Name,
            MeasuredAt = DateTimeOffset.UtcNow,
            Documents = documents.Count,
            TextBytes = textBytes,
            Chunks = chunks,
            Seconds = clock.Elapsed.TotalSeconds,
            IndexBytes = indexBytes,
            PeakWorkingSetBytes = PeakMemoryProbe.PeakWorkingSetBytes(),
            AllocatedBytes = allocated,
            Queries = latency.Count,
            P50Ms = latency.Percentile(50),
            P99Ms = latency.Percentile(99),
        };
    }

    private static IEnumerable<CorpusDocument> WithProgress(IReadOnlyList<CorpusDocument> documents, string engine, Stopwatch clock)
    {
        for (int i = 0; i < documents.Count; i++)
        {
            if (i > 0 && i % ProgressEvery == 0)
            {
                Console.Error.WriteLine($"[ingest] {engine}: {i} documents handed over, {clock.Elapsed.TotalSeconds:F0} s");
            }

            yield return documents[i];
        }
    }
}
