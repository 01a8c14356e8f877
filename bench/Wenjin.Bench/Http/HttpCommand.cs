using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Wenjin.Bench.Engines;
using Wenjin.Bench.Reporting;

namespace Wenjin.Bench.Http;

/// <summary>
/// <c>http</c>: throughput and latency of the HTTP API under concurrent clients. The CLI ingests the corpus into a
/// throw-away data directory, Wenjin.Server is started on it as a separate process over loopback (this program does
/// not reference the server) with accounts on, the benchmark signs in as the first administrator and creates one API
/// key per client (<see cref="BenchKeys"/>), then each load (search, ask, or both mixed) is driven by 1, 10 and 50
/// client loops for a fixed time after a warm-up. The server's rate limit per key is off unless --rate-limit sets it.
/// The server is stopped at the end, also on Ctrl+C or an error.
/// </summary>
internal static class HttpCommand
{
    public const string KnowledgeBase = "bench";

    private const double DefaultSeconds = 20;
    private const double DefaultWarmupSeconds = 3;
    private static readonly int[] DefaultClients = [1, 10, 50];
    private static readonly string[] DefaultLoads = ["search", "ask"];

    /// <summary>Windows at least this long print their throughput every <see cref="ProgressInterval"/>.</summary>
    private static readonly TimeSpan ProgressFrom = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        string corpusPath = options.Value("corpus") ?? LoadCorpus.DefaultPath;
        TimeSpan duration = TimeSpan.FromSeconds(options.PositiveNumber("seconds") ?? DefaultSeconds);
        TimeSpan warmup = TimeSpan.FromSeconds(options.Value("warmup") is { } w ? NonNegative("warmup", w) : DefaultWarmupSeconds);
        int[] clientCounts = options.Value("clients") is { } list ? ParseClients(list) : DefaultClients;
        int? port = options.PositiveInt("port");
        string[] loads = options.Value("endpoints") is { } names ? ParseLoads(names) : DefaultLoads;
        int requestsPerMinute = options.Value("rate-limit") is { } limit ? NonNegativeInt("rate-limit", limit) : 0;
        int? limitDocuments = options.PositiveInt("limit-docs");
        string baselinePath = options.Value("baseline") ?? BaselineFile.DefaultPath();

        // Ctrl+C (SIGINT) or SIGTERM stops the load and then the server cleanly; a second signal ends the process at once.
        using var interrupted = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            if (!interrupted.IsCancellationRequested)
            {
                context.Cancel = true;
                Console.Error.WriteLine($"[http] {context.Signal}: stopping the load and the server");
                interrupted.Cancel();
            }
        }

        using PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            return await RunAsync(corpusPath, limitDocuments, duration, warmup, clientCounts, loads, requestsPerMinute, port, baselinePath, options, interrupted.Token).ConfigureAwait(false);
        }
        catch (HttpBenchException exception)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            Console.Error.WriteLine("[http] stopped before the end; no table");
            return 1;
        }
    }

    private static async Task<int> RunAsync(
        string corpusPath,
        int? limitDocuments,
        TimeSpan duration,
        TimeSpan warmup,
        int[] clientCounts,
        string[] loads,
        int requestsPerMinute,
        int? port,
        string baselinePath,
        CommandLineOptions options,
        CancellationToken cancellationToken)
    {
        // Both programs must be built before anything else is spent.
        RepositoryPaths.RequireBuilt();

        using var work = new TemporaryDirectory("wenjin-bench-http");
        string data = Path.Combine(work.FullPath, "data");
        Console.Error.WriteLine($"[http] preparing {corpusPath}");
        LoadCorpus corpus = LoadCorpus.Prepare(corpusPath, limitDocuments, work.FullPath);
        Console.Error.WriteLine($"[http] {corpus.Key}: {corpus.Documents} documents, {corpus.TextBytes / 1e6:F1} MB of text; {corpus.Questions.Count} questions ({corpus.QuestionOrigin})");
        TimeSpan ingestTime = await CliIngest.RunAsync(data, KnowledgeBase, corpus.JsonlPath, work.FullPath, cancellationToken).ConfigureAwait(false);

        var results = new List<LoadResult>();
        long? serverPeak;
        string password = BenchKeys.NewPassword();
        await using (ServerProcess server = await ServerProcess.StartAsync(data, port, work.FullPath, password, requestsPerMinute, cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<string> keys = await BenchKeys.CreateAsync(server.BaseAddress, password, KnowledgeBase, clientCounts.Max(), cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"[http] signed in as '{BenchKeys.AdminUser}', created {keys.Count} read-only API keys for '{KnowledgeBase}' (one per client); rate limit: {RateLimitText(requestsPerMinute)}");
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Math.Max(50, clientCounts.Max()),
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                UseProxy = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
            };
            using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var runner = new LoadRunner(client, KnowledgeBase, corpus.Questions, keys);
            await CheckServerAsync(runner, corpus, cancellationToken).ConfigureAwait(false);

            TimeSpan? progress = duration >= ProgressFrom ? ProgressInterval : null;
            foreach (string load in loads)
            {
                foreach (int clients in clientCounts)
                {
                    Console.Error.WriteLine($"[http] {load} × {clients}: {warmup.TotalSeconds:0.#} s warm-up, {duration.TotalSeconds:0.#} s measured");
                    (IReadOnlyList<LoadResult> levelResults, IReadOnlyList<string> firstErrors) = await runner.RunAsync(load, clients, warmup, duration, progress, cancellationToken).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    if (server.HasExited)
                    {
                        throw new HttpBenchException($"Wenjin.Server exited during {load} × {clients} (exit code {server.ExitCode}):\n{server.LogTail()}");
                    }

                    results.AddRange(levelResults);
                    foreach (LoadResult result in levelResults)
                    {
                        string kinds = result.Errors == 0 ? string.Empty : " (" + string.Join(", ", result.ErrorsByKind.Select(kind => $"{kind.Key}×{kind.Value}")) + ")";
                        Console.Error.WriteLine($"[http] {result.Endpoint} × {clients}: {result.Requests} requests, {result.Errors} errors{kinds}, {result.RequestsPerSecond:F1} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms");
                    }

                    foreach (string error in firstErrors)
                    {
                        Console.Error.WriteLine($"[http]   error: {error}");
                    }
                }
            }

            serverPeak = server.PeakResidentBytes();
        }

        HttpBaseline? baseline = HttpBaseline.TryLoad(baselinePath, corpus.Key);
        Console.WriteLine($"## HTTP load: {corpus.Key} ({corpus.Documents} documents), {duration.TotalSeconds:0.#} s per level after {warmup.TotalSeconds:0.#} s warm-up; one API key per client, rate limit {RateLimitText(requestsPerMinute)}");
        Console.WriteLine();
        Console.WriteLine(HttpReport.Render(results, baseline));
        Console.WriteLine(
            $"Closed loop: each client sends its next question when the previous answer has arrived; one shared HttpClient; server and clients share this machine's {Environment.ProcessorCount} cores over loopback. "
            + "requests = all completed in the window, errors = non-2xx (429 included) or exceptions, by kind; req/s and p50/p99 (nearest rank) are of the 2xx requests. "
            + $"search: {{\"query\", \"top\": 10}}; ask: {{\"question\"}}, JSON (each ask also stores a new conversation); mixed: each client alternates search and ask. "
            + $"Every request carries its client's own API key (Authorization: Bearer, read-only, this knowledge base only). Questions: {corpus.QuestionOrigin}.");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Ingest by the CLI: {ingestTime.TotalSeconds:F1} s; server peak RSS: {(serverPeak is { } peak ? $"{peak / 1e6:F0} MB" : "n/a")}."));
        Console.WriteLine(baseline is null ? $"No recorded HTTP baseline for {corpus.Key} in {baselinePath}." : $"Recorded baseline: {baselinePath}");

        if (options.Value("json") is { } jsonPath)
        {
            BenchJson.Write(jsonPath, new { http = new { corpus = corpus.Key, documents = corpus.Documents, questions = corpus.Questions.Count, seconds = duration.TotalSeconds, warmupSeconds = warmup.TotalSeconds, requestsPerMinutePerKey = requestsPerMinute, serverPeakRssBytes = serverPeak, results } });
            Console.WriteLine($"Results written to {jsonPath}");
        }

        if (options.Has("save-baseline"))
        {
            HttpBaseline.Save(baselinePath, corpus.Key, new HttpBaseline { MeasuredAt = DateTimeOffset.UtcNow, Seconds = duration.TotalSeconds, Documents = corpus.Documents, Results = results });
            Console.WriteLine($"Baseline saved for {corpus.Key} to {baselinePath}");
        }

        return 0;
    }

    /// <summary>With the first API key: the knowledge base holds the corpus, and one search and one ask answer with the documented shapes.</summary>
    private static async Task CheckServerAsync(LoadRunner runner, LoadCorpus corpus, CancellationToken cancellationToken)
    {
        (int status, string text) = await runner.GetOnceAsync($"api/kbs/{KnowledgeBase}", cancellationToken).ConfigureAwait(false);
        if (status != (int)HttpStatusCode.OK)
        {
            throw new HttpBenchException($"GET /api/kbs/{KnowledgeBase} answered {status}: {text}");
        }

        using (JsonDocument kb = JsonDocument.Parse(text))
        {
            int documents = kb.RootElement.GetProperty("documentCount").GetInt32();
            int chunks = kb.RootElement.GetProperty("chunkCount").GetInt32();
            Console.Error.WriteLine($"[http] knowledge base '{KnowledgeBase}': {documents} documents, {chunks} chunks");
            if (documents == 0)
            {
                throw new HttpBenchException($"the server sees no documents in '{KnowledgeBase}' ({corpus.Documents} were ingested)");
            }
        }

        string question = corpus.Questions[0];
        using (JsonDocument search = await runner.SendOnceAsync("search", question, cancellationToken).ConfigureAwait(false))
        {
            int hits = search.RootElement.GetProperty("hits").GetArrayLength();
            Console.Error.WriteLine($"[http] check: search \"{question}\" → {hits} hits");
        }

        using (JsonDocument ask = await runner.SendOnceAsync("ask", question, cancellationToken).ConfigureAwait(false))
        {
            JsonElement root = ask.RootElement;
            string answer = root.GetProperty("answer").GetString() ?? "";
            Console.Error.WriteLine($"[http] check: ask → refused {root.GetProperty("refused").GetBoolean()}, {root.GetProperty("citations").GetArrayLength()} citations: {(answer.Length > 60 ? answer[..60] + "…" : answer)}");
        }
    }

    private static int[] ParseClients(string list)
    {
        string[] parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var counts = new List<int>();
        foreach (string part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count <= 0 || count > 1000)
            {
                throw new FormatException($"Option --clients needs positive client counts up to 1000 separated by commas, got '{list}'.");
            }

            counts.Add(count);
        }

        return counts.Count > 0 ? [.. counts] : throw new FormatException("Option --clients needs at least one client count.");
    }

    private static string[] ParseLoads(string list)
    {
        string[] loads = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string load in loads)
        {
            if (!LoadRunner.Loads.Contains(load, StringComparer.Ordinal))
            {
                throw new FormatException($"Option --endpoints takes {string.Join(", ", LoadRunner.Loads)} separated by commas, got '{list}'.");
            }
        }

        return loads.Length > 0 ? [.. loads.Distinct(StringComparer.Ordinal)] : throw new FormatException("Option --endpoints needs at least one of search, ask, mixed.");
    }

    private static int NonNegativeInt(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"Option --{name} needs a whole number ≥ 0, got '{text}'.");

    private static string RateLimitText(int requestsPerMinute) =>
        requestsPerMinute <= 0 ? "off" : string.Create(CultureInfo.InvariantCulture, $"{requestsPerMinute} requests/min per key");

    private static double NonNegative(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0
            ? value
            : throw new FormatException($"Option --{name} needs a number of seconds ≥ 0, got '{text}'.");
}
