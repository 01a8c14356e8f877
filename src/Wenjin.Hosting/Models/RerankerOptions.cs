namespace Wenjin.Hosting.Models;

/// <summary>
/// A rerank endpoint (Wenjin:Reranker:*). Not configured → no reranker: Cohere style needs a BaseUrl and a Model,
/// Tei a BaseUrl (the server serves one model).
/// </summary>
public sealed record RerankerOptions
{
    /// <summary>The root that serves /rerank: e.g. http://127.0.0.1:8000/v1 (Cohere style) or http://127.0.0.1:8080 (Tei).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Sent as "model" in Cohere style; not sent to TEI.</summary>
    public string? Model { get; init; }

    /// <summary>Sent as a Bearer token when set.</summary>
    public string? ApiKey { get; init; }

    public RerankStyle Style { get; init; } = RerankStyle.Cohere;

    /// <summary>How many fused search candidates are sent to the reranker (one request per question).</summary>
    public int Top { get; init; } = 20;

    /// <summary>Per attempt: the whole response.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after a 408/429/5xx answer, a network error or a timeout, with exponential backoff.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First backoff delay (doubled each retry, with jitter); a Retry-After header wins when it is longer.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests in flight at once from this process; more wait their turn.</summary>
    public int MaxConcurrency { get; init; } = 4;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(BaseUrl) && (Style == RerankStyle.Tei || !string.IsNullOrWhiteSpace(Model));
}
