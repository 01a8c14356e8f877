namespace Wenjin.Bench.Http;

/// <summary>
/// One measured load level: <see cref="Clients"/> concurrent client loops on one endpoint for <see cref="Seconds"/>.
/// Requests counts every request completed in the window (errors included); throughput and latency percentiles are of
/// the successful (2xx) requests; Seconds runs until the last in-flight request of the window has finished.
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
}
