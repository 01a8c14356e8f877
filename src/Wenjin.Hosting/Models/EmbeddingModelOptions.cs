namespace Wenjin.Hosting.Models;

/// <summary>
/// An OpenAI-compatible embeddings endpoint (Wenjin:Embeddings:* in CONTRACTS.md). Not configured → no vectors.
/// <see cref="Dimensions"/>, when set, is both requested from the server and checked on every vector it returns.
/// </summary>
public sealed record EmbeddingModelOptions
{
    public string? BaseUrl { get; init; }

    public string? Model { get; init; }

    public string? ApiKey { get; init; }

    public int? Dimensions { get; init; }

    /// <summary>Texts per request.</summary>
    public int BatchSize { get; init; } = 32;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public int MaxRetries { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Vectors kept in memory by model + content hash, so the same text is never embedded twice.</summary>
    public int CacheEntries { get; init; } = 50_000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(Model);
}
