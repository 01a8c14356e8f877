namespace Wenjin.Bench.Http;

/// <summary>
/// One measured load level: <see cref="Clients"/> concurrent client loops on one endpoint for <see cref="Seconds"/>.
/// Requests counts every request completed in the window (errors included); throughput and latency percentiles are of
/// the successful (2xx) requests; Seconds runs until the last in-flight request of the window has finished. In a
/// mixed load (each client alternating search and ask) there is one result per endpoint ("mixed: search", "mixed:
/// ask"), each with its own share of the requests over the whole window, and one for both ("mixed: all").
/// </summary>
internal sealed record LoadResult
{
    public required string Endpoint { get; init; }

    public required int Clients { get; init; }

    public required int Requests { get; init; }

    public required int Errors { get; init; }

    public required double Seconds { get; init; }

    public double RequestsPerSecond => Seconds > 0 ? (Requests - Errors) / Seconds : 0;

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MeanMs { get; init; }

    /// <summary>Of the errors, the 429 Too Many Requests answers: the server's rate limit refused the request.</summary>
    public int RateLimited { get; init; }

    /// <summary>The errors by kind: HTTP status code ("429", "500", …) or exception type name; empty when there were none.</summary>
    public IReadOnlyDictionary<string, int> ErrorsByKind { get; init; } = new Dictionary<string, int>();
}
