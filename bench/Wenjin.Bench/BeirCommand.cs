using Wenjin.Bench.Beir;
using Wenjin.Bench.Engines;
using Wenjin.Bench.Reporting;

namespace Wenjin.Bench;

/// <summary>
/// <c>beir</c> and <c>all</c>: every selected engine over the same BEIR dataset(s) in one run, printed as one table
/// against the same-run Lucene baseline and the recorded Wenjin baseline.
/// </summary>
internal static class BeirCommand
{
    public const string DefaultRoot = "/work/shared/external";

    /// <summary>The four Chinese retrieval sets of <c>all</c>, relative to --root.</summary>
    public static IReadOnlyList<string> StandardDatasets { get; } =
    [
        "chinese_squad2_dev/beir_dev",
        "rgb/derived_zh_refine_pool",
        "cmrc2018/beir_dev",
        "drcd/beir_dev",
    ];

    public static Task<int> RunOneAsync(CommandLineOptions options) =>
        RunAsync([options.Required("dataset")], options);

    public static Task<int> RunAllAsync(CommandLineOptions options)
    {
        string root = options.Value("root") ?? DefaultRoot;
        return RunAsync([.. StandardDatasets.Select(dataset => Path.Combine(root, dataset))], options);
    }

    private static async Task<int> RunAsync(IReadOnlyList<string> datasetFolders, CommandLineOptions options)
    {
        IReadOnlyList<string> engines = EngineSelection.From(options);
        int? limitQueries = options.PositiveInt("limit-queries");
        string baselinePath = options.Value("baseline") ?? BaselineFile.DefaultPath();
        BaselineRecord? baseline = BaselineFile.TryLoad(baselinePath);

        var results = new List<BeirEngineResult>();
        foreach (string folder in datasetFolders)
        {
            BeirDataset dataset = BeirDataset.Load(folder, limitQueries);
            Console.Error.WriteLine($"[{dataset.Name}] {dataset.Documents.Count} documents, {dataset.Queries.Count} judged queries");
            foreach (string name in engines)
            {
                using IRetrievalEngine engine = EngineCatalog.Create(name);
                results.Add(await BeirBenchmark.RunAsync(dataset, engine).ConfigureAwait(false));
                if (engine is WenjinEngine { RejectedQueries: > 0 } wenjin)
                {
                    Console.Error.WriteLine($"[{dataset.Name}] Wenjin rejected {wenjin.RejectedQueries} queries as invalid input (scored as empty)");
                }
            }
        }

        Console.WriteLine($"## BEIR retrieval, document level, top {BeirBenchmark.Depth} (quality in %, Δ in points)");
        Console.WriteLine();
        Console.WriteLine(BeirReport.Render(results, baseline));
        Console.WriteLine(baseline is null ? $"No recorded baseline at {baselinePath}." : $"Recorded baseline: {baselinePath}");

        if (options.Value("json") is { } jsonPath)
        {
            BenchJson.Write(jsonPath, new { beir = results });
            Console.WriteLine($"Results written to {jsonPath}");
        }

        if (options.Has("save-baseline"))
        {
            SaveBaseline(baselinePath, baseline, results);
        }

        return 0;
    }

    private static void SaveBaseline(string path, BaselineRecord? previous, IReadOnlyList<BeirEngineResult> results)
    {
        List<BeirEngineResult> wenjin = [.. results.Where(result => result.Engine == "Wenjin")];
        if (wenjin.Count == 0)
        {
            Console.Error.WriteLine("warning: --save-baseline needs a Wenjin run; nothing saved");
            return;
        }

        BaselineRecord record = previous ?? new BaselineRecord();
        foreach (BeirEngineResult result in wenjin)
        {
            record.Beir[result.Dataset] = result;
        }

        BaselineFile.Save(path, record);
        Console.WriteLine($"Baseline saved for {string.Join(", ", wenjin.Select(result => result.Dataset))} to {path}");
    }
}
