using Wenjin.Bench.Http;
using Wenjin.Bench.Reporting;
using Wenjin.Hosting.Extraction;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// <c>extract</c>: field-level precision, recall and F1 of structured extraction on the hand-written evaluation set
/// (bench/data/extraction). With <c>--records</c> it scores saved JSON-lines files of extracted records; without, it
/// runs the built CLI on every schema's folder (<see cref="ExtractionCliRunner"/>), optionally with a chat model.
/// </summary>
internal static class ExtractionCommand
{
    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        string dataFolder = options.Value("data") ?? DefaultDataFolder();
        string expectedPath = Path.Combine(dataFolder, "expected.jsonl");
        if (!File.Exists(expectedPath))
        {
            throw new FileNotFoundException($"No expected.jsonl in {Path.GetFullPath(dataFolder)}; --data names the evaluation set folder (default: bench/data/extraction of this checkout).", expectedPath);
        }

        string[] recordFiles = options.Value("records") is { } list
            ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [];
        string? modelUrl = options.Value("model-url");
        string? model = options.Value("model");
        if ((modelUrl is null) != (model is null))
        {
            throw new FormatException("--model-url and --model go together: both name the chat model the CLI extracts with.");
        }

        if (recordFiles.Length > 0 && modelUrl is not null)
        {
            throw new FormatException("--model-url/--model apply when the benchmark runs the CLI; saved --records were already extracted.");
        }

        IReadOnlyList<ExpectedRecord> expected = ExpectedRecordReader.Read(expectedPath);
        var scorer = new ExtractionScorer(expected, dataFolder, ExtractionTaxonomy.Default);
        var setSchemas = ExtractionFieldCatalog.Schemas.Where(schema => expected.Any(gold => gold.Schema == schema)).ToList();

        ExtractionReport report;
        if (recordFiles.Length > 0)
        {
            var records = recordFiles.SelectMany(PredictedRecordReader.ReadFile).ToList();
            var schemas = setSchemas.Where(schema => records.Any(record => record.Schema == schema)).ToList();
            if (schemas.Count == 0)
            {
                throw new InvalidDataException($"None of the {records.Count} record(s) in {string.Join(", ", recordFiles)} has a schema of the evaluation set ({string.Join(", ", setSchemas)}).");
            }

            report = scorer.Score(records, schemas, string.Join(", ", recordFiles), model: null);
        }
        else
        {
            using var interrupted = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                interrupted.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var runner = new ExtractionCliRunner(RepositoryPaths.CliDll(), modelUrl, model);
                IReadOnlyList<PredictedRecord> records = await runner.RunAsync(dataFolder, setSchemas, interrupted.Token).ConfigureAwait(false);
                report = scorer.Score(records, setSchemas, "wenjin extract (built CLI)", model is null ? null : $"{model} at {modelUrl}");
            }
            catch (Exception exception) when (exception is ExtractionBenchException or HttpBenchException)
            {
                Console.Error.WriteLine($"error: {exception.Message}");
                return 1;
            }
            catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
            {
                Console.Error.WriteLine("[extract] stopped before the end; no table");
                return 1;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }

        Console.WriteLine(ExtractionReportPrinter.Render(report));
        if (options.Value("json") is { } jsonPath)
        {
            BenchJson.Write(jsonPath, new { extraction = report });
            Console.WriteLine($"Results written to {jsonPath}");
        }

        return 0;
    }

    /// <summary>bench/data/extraction of the checkout that holds bench/baseline.json (the other commands' default root).</summary>
    private static string DefaultDataFolder() =>
        Path.Combine(Path.GetDirectoryName(BaselineFile.DefaultPath())!, "data", "extraction");
}
