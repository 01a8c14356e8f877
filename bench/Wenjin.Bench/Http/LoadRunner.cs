using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Wenjin.Bench.Metrics;

namespace Wenjin.Bench.Http;

/// <summary>
/// Closed-loop load: N client loops share one <see cref="HttpClient"/>; each sends its next question with its own API
/// key (client i uses key i), waits for the whole response, records the latency and sends the next, until the window
/// closes. Client i starts at question i·(count / N), so concurrent clients ask different questions. A load is one
/// endpoint (search or ask) or "mixed": each client alternates search and ask, half of them starting with ask.
/// Non-2xx answers (429 included) and exceptions are errors, counted per endpoint and kind; the first few are kept
/// with their text.
/// </summary>
internal sealed class LoadRunner
{
    public const int KeptErrors = 5;

    public const string Mixed = "mixed";

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _client;
    private readonly string _knowledgeBase;
    private readonly IReadOnlyList<string> _questions;
    private readonly IReadOnlyList<string> _keys;

    /// <summary>A runner whose client i sends <paramref name="keys"/>[i]; there must be a key for every client of a load.</summary>
    public LoadRunner(HttpClient client, string knowledgeBase, IReadOnlyList<string> questions, IReadOnlyList<string> keys)
    {
        ArgumentOutOfRangeException.ThrowIfZero(keys.Count);
        _client = client;
        _knowledgeBase = knowledgeBase;
        _questions = questions;
        _keys = keys;
    }

    /// <summary>The loads that can be measured: search (top 10), ask (plain JSON, no streaming), and both mixed.</summary>
    public static IReadOnlyList<string> Loads { get; } = ["search", "ask", Mixed];

    /// <summary>
    /// Runs <paramref name="clients"/> loops of <paramref name="load"/> for the warm-up (not recorded), then for the
    /// measured window. With <paramref name="progressEvery"/>, prints the throughput of each such interval of the
    /// window on stderr (to see whether a long run slows down).
    /// </summary>
    public async Task<(IReadOnlyList<LoadResult> Results, IReadOnlyList<string> FirstErrors)> RunAsync(
        string load, int clients, TimeSpan warmup, TimeSpan duration, TimeSpan? progressEvery, CancellationToken cancellationToken)
    {
        if (clients > _keys.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(clients), clients, $"Only {_keys.Count} API keys were created.");
        }

        Target[] targets = load == Mixed ? [TargetFor("search"), TargetFor("ask")] : [TargetFor(load)];
        if (warmup > TimeSpan.Zero)
        {
            await RunLoopsAsync(targets, clients, warmup, new ConcurrentQueue<string>(), progress: null, cancellationToken).ConfigureAwait(false);
        }

        var errors = new ConcurrentQueue<string>();
        using Progress? progress = progressEvery is { } every ? new Progress(load, clients, every) : null;
        var clock = Stopwatch.StartNew();
        Task? reporter = progress?.RunAsync(cancellationToken);
        ClientTally[][] tallies;
        try
        {
            tallies = await RunLoopsAsync(targets, clients, duration, errors, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            clock.Stop();
            progress?.Stop();
            if (reporter is not null)
            {
                await reporter.ConfigureAwait(false);
            }
        }

        var results = new List<LoadResult>();
        for (int t = 0; t < targets.Length; t++)
        {
            string name = targets.Length == 1 ? targets[t].Endpoint : $"{load}: {targets[t].Endpoint}";
            results.Add(Summarize(name, clients, clock.Elapsed, [.. tallies.Select(perTarget => perTarget[t])]));
        }

        if (targets.Length > 1)
        {
            results.Add(Summarize($"{load}: all", clients, clock.Elapsed, [.. tallies.SelectMany(perTarget => perTarget)]));
        }

        return (results, [.. errors]);
    }

    /// <summary>One request outside any measurement, with the first key, parsed: checks the server answers sensibly before the load.</summary>
    public async Task<JsonDocument> SendOnceAsync(string endpoint, string question, CancellationToken cancellationToken)
    {
        var uri = new Uri($"api/kbs/{Uri.EscapeDataString(_knowledgeBase)}/{endpoint}", UriKind.Relative);
        using HttpRequestMessage request = Request(uri, Body(endpoint, question), _keys[0]);
        using HttpResponseMessage response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpBenchException($"POST {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(text)}");
        }

        return JsonDocument.Parse(text);
    }

    /// <summary>A GET with the first key, for the checks before the load.</summary>
    public async Task<(int Status, string Text)> GetOnceAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _keys[0]);
        using HttpResponseMessage response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    private static LoadResult Summarize(string endpoint, int clients, TimeSpan window, IReadOnlyList<ClientTally> tallies)
    {
        var latencies = new LatencyRecorder();
        foreach (double milliseconds in tallies.SelectMany(tally => tally.Milliseconds))
        {
            latencies.Record(TimeSpan.FromMilliseconds(milliseconds));
        }

        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach ((string kind, int count) in tallies.SelectMany(tally => tally.ErrorsByKind))
        {
            kinds[kind] = kinds.GetValueOrDefault(kind) + count;
        }

        return new LoadResult
        {
            Endpoint = endpoint,
            Clients = clients,
            Requests = tallies.Sum(tally => tally.Requests),
            Errors = tallies.Sum(tally => tally.Errors),
            Seconds = window.TotalSeconds,
            P50Ms = latencies.Percentile(50),
            P99Ms = latencies.Percentile(99),
            MeanMs = latencies.Mean(),
            RateLimited = kinds.GetValueOrDefault("429"),
            ErrorsByKind = kinds,
        };
    }

    private static byte[] Body(string endpoint, string question) => endpoint switch
    {
        "search" => JsonSerializer.SerializeToUtf8Bytes(new { query = question, top = 10 }),
        "ask" => JsonSerializer.SerializeToUtf8Bytes(new { question }),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "expected search or ask"),
    };

    private static HttpRequestMessage Request(Uri uri, byte[] body, string key)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private Target TargetFor(string endpoint) =>
        new(endpoint, new Uri($"api/kbs/{Uri.EscapeDataString(_knowledgeBase)}/{endpoint}", UriKind.Relative), [.. _questions.Select(question => Body(endpoint, question))]);

    private async Task<ClientTally[][]> RunLoopsAsync(Target[] targets, int clients, TimeSpan length, ConcurrentQueue<string> errors, Progress? progress, CancellationToken cancellationToken)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        int questions = targets[0].Bodies.Length;
        int stride = Math.Max(1, questions / clients);
        Task<ClientTally[]>[] loops =
        [
            .. Enumerable.Range(0, clients).Select(i => Task.Run(
                () => LoopAsync(targets, _keys[i], firstTarget: i % targets.Length, next: i * stride % questions, deadline, errors, progress, cancellationToken),
                cancellationToken)),
        ];
        return await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task<ClientTally[]> LoopAsync(
        Target[] targets, string key, int firstTarget, int next, long deadline, ConcurrentQueue<string> errors, Progress? progress, CancellationToken cancellationToken)
    {
        ClientTally[] tallies = [.. targets.Select(_ => new ClientTally())];
        int turn = firstTarget;
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            int t = turn;
            turn = (turn + 1) % targets.Length;
            Target target = targets[t];
            ClientTally tally = tallies[t];
            byte[] body = target.Bodies[next];
            if (t == targets.Length - 1)
            {
                next = (next + 1) % target.Bodies.Length;
            }

            long start = Stopwatch.GetTimestamp();
            bool failed = false;
            try
            {
                using HttpRequestMessage request = Request(target.Uri, body, key);
                using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    tally.Milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                else
                {
                    failed = true;
                    tally.CountError(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                    if (errors.Count < KeptErrors)
                    {
                        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                        errors.Enqueue($"{target.Endpoint}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(text)}");
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Any failure of a request is an error of the run, counted and shown, never a crash.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failed = true;
                tally.CountError(exception.GetType().Name);
                if (errors.Count < KeptErrors)
                {
                    errors.Enqueue($"{target.Endpoint}: {exception.GetType().Name}: {exception.Message}");
                }
            }

            tally.Requests++;
            progress?.Count(failed);
        }

        return tallies;
    }

    /// <summary>One endpoint of a load: its name, URI and the request body of every question.</summary>
    private sealed record Target(string Endpoint, Uri Uri, byte[][] Bodies);

    /// <summary>What one client loop saw on one endpoint.</summary>
    private sealed class ClientTally
    {
        public List<double> Milliseconds { get; } = [];

        public int Requests { get; set; }

        public int Errors { get; private set; }

        public Dictionary<string, int> ErrorsByKind { get; } = new(StringComparer.Ordinal);

        public void CountError(string kind)
        {
            Errors++;
            ErrorsByKind[kind] = ErrorsByKind.GetValueOrDefault(kind) + 1;
        }
    }

    /// <summary>Counts completed requests of a window and prints each interval's throughput on stderr.</summary>
    private sealed class Progress : IDisposable
    {
        private readonly string _load;
        private readonly int _clients;
        private readonly TimeSpan _every;
        private readonly CancellationTokenSource _stop = new();
        private long _requests;
        private long _errors;

        public Progress(string load, int clients, TimeSpan every)
        {
            _load = load;
            _clients = clients;
            _every = every;
        }

        public void Count(bool failed)
        {
            Interlocked.Increment(ref _requests);
            if (failed)
            {
                Interlocked.Increment(ref _errors);
            }
        }

        public void Stop() => _stop.Cancel();

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            using var timer = new PeriodicTimer(_every);
            var clock = Stopwatch.StartNew();
            long lastRequests = 0, lastErrors = 0;
            try
            {
                while (await timer.WaitForNextTickAsync(linked.Token).ConfigureAwait(false))
                {
                    long requests = Interlocked.Read(ref _requests), errors = Interlocked.Read(ref _errors);
                    double ok = (requests - lastRequests) - (errors - lastErrors);
                    Console.Error.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"[http] {_load} × {_clients}: {clock.Elapsed.TotalSeconds:F0} s: {ok / _every.TotalSeconds:F1} req/s (2xx) in the last {_every.TotalSeconds:F0} s, {errors - lastErrors} errors"));
                    (lastRequests, lastErrors) = (requests, errors);
                }
            }
            catch (OperationCanceledException)
            {
                // The window ended (or the run was interrupted).
            }
        }

        public void Dispose() => _stop.Dispose();
    }
}
