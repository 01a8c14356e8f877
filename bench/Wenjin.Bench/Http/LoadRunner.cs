using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Wenjin.Bench.Metrics;

namespace Wenjin.Bench.Http;

/// <summary>
/// Closed-loop load: N client loops share one <see cref="HttpClient"/>; each sends its next question, waits for the
/// whole response, records the latency and sends the next, until the window closes. Client i starts at question
/// i·(count / N), so concurrent clients ask different questions. Non-2xx answers and exceptions are errors; the first
/// few are kept with their text.
/// </summary>
internal sealed class LoadRunner
{
    public const int KeptErrors = 5;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _client;
    private readonly string _knowledgeBase;
    private readonly IReadOnlyList<string> _questions;

    public LoadRunner(HttpClient client, string knowledgeBase, IReadOnlyList<string> questions)
    {
        _client = client;
        _knowledgeBase = knowledgeBase;
        _questions = questions;
    }

    /// <summary>The endpoints measured: search (top 10) and ask (plain JSON, no streaming).</summary>
    public static IReadOnlyList<string> Endpoints { get; } = ["search", "ask"];

    public async Task<(LoadResult Result, IReadOnlyList<string> FirstErrors)> RunAsync(string endpoint, int clients, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var uri = new Uri($"api/kbs/{Uri.EscapeDataString(_knowledgeBase)}/{endpoint}", UriKind.Relative);
        byte[][] bodies = [.. _questions.Select(question => Body(endpoint, question))];

        if (warmup > TimeSpan.Zero)
        {
            await RunLoopsAsync(uri, bodies, clients, warmup, new ConcurrentQueue<string>(), cancellationToken).ConfigureAwait(false);
        }

        var errors = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        ClientTally[] tallies = await RunLoopsAsync(uri, bodies, clients, duration, errors, cancellationToken).ConfigureAwait(false);
        clock.Stop();

        var latencies = new LatencyRecorder();
        foreach (double milliseconds in tallies.SelectMany(tally => tally.Milliseconds))
        {
            latencies.Record(TimeSpan.FromMilliseconds(milliseconds));
        }

        var result = new LoadResult
        {
            Endpoint = endpoint,
            Clients = clients,
            Requests = tallies.Sum(tally => tally.Requests),
            Errors = tallies.Sum(tally => tally.Errors),
            Seconds = clock.Elapsed.TotalSeconds,
            P50Ms = latencies.Percentile(50),
            P99Ms = latencies.Percentile(99),
            MeanMs = latencies.Mean(),
        };
        return (result, [.. errors]);
    }

    /// <summary>One request outside any measurement, parsed: used to check the server answers sensibly before the load.</summary>
    public async Task<JsonDocument> SendOnceAsync(string endpoint, string question, CancellationToken cancellationToken)
    {
        var uri = new Uri($"api/kbs/{Uri.EscapeDataString(_knowledgeBase)}/{endpoint}", UriKind.Relative);
        using HttpRequestMessage request = Request(uri, Body(endpoint, question));
        using HttpResponseMessage response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpBenchException($"POST {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(text)}");
        }

        return JsonDocument.Parse(text);
    }

    private static byte[] Body(string endpoint, string question) => endpoint switch
    {
        "search" => JsonSerializer.SerializeToUtf8Bytes(new { query = question, top = 10 }),
        "ask" => JsonSerializer.SerializeToUtf8Bytes(new { question }),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "expected search or ask"),
    };

    private static HttpRequestMessage Request(Uri uri, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private async Task<ClientTally[]> RunLoopsAsync(Uri uri, byte[][] bodies, int clients, TimeSpan length, ConcurrentQueue<string> errors, CancellationToken cancellationToken)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        int stride = Math.Max(1, bodies.Length / clients);
        Task<ClientTally>[] loops = [.. Enumerable.Range(0, clients).Select(i => Task.Run(() => LoopAsync(uri, bodies, i * stride % bodies.Length, deadline, errors, cancellationToken), cancellationToken))];
        return await Task.WhenAll(loops).ConfigureAwait(false);
    }

    private async Task<ClientTally> LoopAsync(Uri uri, byte[][] bodies, int next, long deadline, ConcurrentQueue<string> errors, CancellationToken cancellationToken)
    {
        var tally = new ClientTally();
        while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
        {
            byte[] body = bodies[next];
            next = (next + 1) % bodies.Length;
            long start = Stopwatch.GetTimestamp();
            try
            {
                using HttpRequestMessage request = Request(uri, body);
                using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    tally.Milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                else
                {
                    tally.Errors++;
                    if (errors.Count < KeptErrors)
                    {
                        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                        errors.Enqueue($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(text)}");
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
                tally.Errors++;
                if (errors.Count < KeptErrors)
                {
                    errors.Enqueue($"{exception.GetType().Name}: {exception.Message}");
                }
            }

            tally.Requests++;
        }

        return tally;
    }

    private sealed class ClientTally
    {
        public List<double> Milliseconds { get; } = [];

        public int Requests { get; set; }

        public int Errors { get; set; }
    }
}
