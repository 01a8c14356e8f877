using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wenjin.Bench.Corpus;
using Wenjin.Bench.Engines;
using Wenjin.Bench.Ingestion;
using Wenjin.Bench.Reporting;

namespace Wenjin.Bench;

/// <summary>
/// <c>ingest</c>: ingest throughput, index size, memory and search latency of a JSONL corpus, Wenjin beside the
/// Lucene baseline on the same in-memory documents, plus the recorded Wenjin baseline.
/// </summary>
internal static class IngestCommand
{
    private const int DefaultQueryCount = 300;

    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        string corpusPath = options.Required("corpus");
        int? limitDocuments = options.PositiveInt("limit-docs");
        double? limitMegabytes = options.PositiveNumber("limit-mb");
        int queryCount = options.PositiveInt("queries") ?? DefaultQueryCount;
        IReadOnlyList<string> engines = EngineSelection.From(options);
        string baselinePath = options.Value("baseline") ?? BaselineFile.DefaultPath();
        BaselineRecord? baseline = BaselineFile.TryLoad(baselinePath);

        Console.Error.WriteLine($"[ingest] reading {corpusPath}");
        var readClock = Stopwatch.StartNew();
        List<CorpusDocument> documents = [.. CorpusReader.Read(corpusPath, limitDocuments, limitMegabytes is { } mb ? (long)(mb * 1e6) : null)];
        long textBytes = documents.Sum(document => (long)Encoding.UTF8.GetByteCount(document.Text));
        readClock.Stop();
        Console.Error.WriteLine($"[ingest] {documents.Count} documents, {textBytes / 1e6:F1} MB of text read in {readClock.Elapsed.TotalSeconds:F1} s (not part of any engine's time)");

        LatencyQuerySet querySet = LatencyQuerySet.Sample(corpusPath, documents, queryCount);
        string corpusKey = CorpusKey(corpusPath, limitDocuments, limitMegabytes);

        var results = new List<IngestEngineResult>();

        // Wenjin first: it is the system under test, and its run then starts from the freshest process state.
        foreach (string name in engines.OrderByDescending(name => name == "wenjin"))
        {
            using IRetrievalEngine engine = EngineCatalog.Create(name);
            results.Add(await IngestBenchmark.RunAsync(corpusKey, documents, textBytes, querySet, engine).ConfigureAwait(false));
            if (engine is WenjinEngine { LastIngest: { } summary })
            {
                Console.Error.WriteLine($"[ingest] Wenjin: indexed {summary.Indexed}, unchanged {summary.Unchanged}, failed {summary.Failed}; its own timer {summary.Seconds:F1} s");
            }
        }

        Console.WriteLine($"## Ingest: {corpusKey}");
        Console.WriteLine();
        Console.WriteLine(IngestReport.Render(results, baseline));
        Console.WriteLine($"Text MB = 10^6 UTF-8 bytes of the \"text\" fields; index MB = all files of the engine's data folder; queries: {querySet.Origin}, top 10 documents.");
        Console.WriteLine(baseline is null ? $"No recorded baseline at {baselinePath}." : $"Recorded baseline: {baselinePath}");

        if (options.Value("json") is { } jsonPath)
        {
            BenchJson.Write(jsonPath, new { ingest = results, queries = querySet.Origin });
            Console.WriteLine($"Results written to {jsonPath}");
        }

        if (options.Has("save-baseline"))
        {
            SaveBaseline(baselinePath, baseline, results);
        }

        return 0;
    }

    private static string CorpusKey(string corpusPath, int? limitDocuments, double? limitMegabytes)
    {
        var key = new StringBuilder(Path.GetFileName(corpusPath));
        if (limitDocuments is { } documents)
        {
            key.Append(CultureInfo.InvariantCulture, $" docs≤{documents}");
        }

        if (limitMegabytes is { } megabytes)
        {
            key.Append(CultureInfo.InvariantCulture, $" MB≤{megabytes}");
        }

        return key.ToString();
    }

    private static void SaveBaseline(string path, BaselineRecord? previous, IReadOnlyList<IngestEngineResult> results)
    {
        if (results.FirstOrDefault(result => result.Engine == "Wenjin") is not { } wenjin)
        {
            Console.Error.WriteLine("warning: --save-baseline needs a Wenjin run; nothing saved");
            return;
        }

        BaselineRecord record = previous ?? new BaselineRecord();
        record.Ingest[wenjin.Corpus] = wenjin;
        BaselineFile.Save(path, record);
        Console.WriteLine($"Baseline saved for {wenjin.Corpus} to {path}");
    }
}
