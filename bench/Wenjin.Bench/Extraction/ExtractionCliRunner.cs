using System.Diagnostics;
using Wenjin.Bench.Engines;
using Wenjin.Bench.Processes;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// Produces extracted records the way a user would, with the built CLI as a separate process on a throw-away data
/// directory: for each schema <c>wenjin kb create SCHEMA</c>, <c>wenjin ingest --kb SCHEMA DATA/SCHEMA</c>, then
/// <c>wenjin extract --kb SCHEMA --schema SCHEMA --all --json</c>, whose stdout (JSON lines) is read back. The only
/// thing relied on is that JSON shape. With a model, <c>Wenjin__Chat__BaseUrl</c> and <c>Wenjin__Chat__Model</c> are
/// set for the child; without one they are removed from its environment, so the run is model-free.
/// </summary>
internal sealed class ExtractionCliRunner
{
    private const string BaseUrlVariable = "Wenjin__Chat__BaseUrl";
    private const string ModelVariable = "Wenjin__Chat__Model";

    private readonly string _cliDll;
    private readonly string? _modelUrl;
    private readonly string? _model;

    public ExtractionCliRunner(string cliDll, string? modelUrl, string? model)
    {
        _cliDll = cliDll;
        _modelUrl = modelUrl;
        _model = model;
    }

    public async Task<IReadOnlyList<PredictedRecord>> RunAsync(string dataFolder, IReadOnlyList<string> schemas, CancellationToken cancellationToken)
    {
        using var work = new TemporaryDirectory("wenjin-bench-extract");
        string data = Path.Combine(work.FullPath, "data");
        var records = new List<PredictedRecord>();
        foreach (string schema in schemas)
        {
            string folder = Path.Combine(dataFolder, schema);
            await RunCliAsync(["--data", data, "kb", "create", schema], work.FullPath, cancellationToken).ConfigureAwait(false);
            await RunCliAsync(["--data", data, "ingest", "--kb", schema, folder], work.FullPath, cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            string output = await RunCliAsync(["--data", data, "extract", "--kb", schema, "--schema", schema, "--all", "--json"], work.FullPath, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<PredictedRecord> extracted = PredictedRecordReader.ReadLines(output.Split('\n'), $"wenjin extract --schema {schema}");
            Console.Error.WriteLine($"[extract] {schema}: {extracted.Count} records in {clock.Elapsed.TotalSeconds:0.0} s");
            records.AddRange(extracted);
        }

        return records;
    }

    /// <summary>Runs one CLI command to its end and returns its stdout; a non-zero exit fails with the end of its stderr.</summary>
    private async Task<string> RunCliAsync(string[] arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        ProcessStartInfo startInfo = DotnetStartInfo.Create(_cliDll, arguments, workingDirectory);
        foreach (string name in startInfo.Environment.Keys.Where(IsChatModelVariable).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        if (_modelUrl is not null && _model is not null)
        {
            startInfo.Environment[BaseUrlVariable] = _modelUrl;
            startInfo.Environment[ModelVariable] = _model;
        }

        string command = "wenjin " + string.Join(' ', arguments.Skip(2));
        using Process process = Process.Start(startInfo) ?? throw new ExtractionBenchException($"Could not start '{startInfo.FileName} {_cliDll}'.");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(output, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string errorText = await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            if (arguments.Contains("extract") && IsUnknownCommand(errorText))
            {
                throw new ExtractionBenchException(
                    $"{_cliDll} has no 'extract' command (it answered: {FirstLine(errorText)}). Rebuild the CLI with it "
                    + "(dotnet build src/Wenjin.Cli -c Release), or score saved records with --records FILE.");
            }

            throw new ExtractionBenchException($"'{command}' failed with exit code {process.ExitCode}:\n{Tail(errorText)}");
        }

        return await output.ConfigureAwait(false);
    }

    private static bool IsChatModelVariable(string name) =>
        name.Equals(BaseUrlVariable, StringComparison.OrdinalIgnoreCase) || name.Equals(ModelVariable, StringComparison.OrdinalIgnoreCase);

    // System.CommandLine answers an unknown verb with "Unrecognized command or argument 'extract'.".
    private static bool IsUnknownCommand(string error) =>
        error.Contains("Unrecognized command or argument 'extract'", StringComparison.OrdinalIgnoreCase)
        || error.Contains("unknown command", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(line => line.Contains("extract", StringComparison.OrdinalIgnoreCase)) ?? "unknown command";

    private static string Tail(string text) =>
        string.Join('\n', text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(20).Select(line => "  | " + line.TrimEnd('\r')));
}
