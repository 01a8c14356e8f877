namespace Wenjin.Hosting.Models;

/// <summary>
/// An embeddings endpoint, OpenAI-compatible or Ollama's native /api/embed (Wenjin:Embeddings:* in CONTRACTS.md). Not
/// configured → no vectors. <see cref="Dimensions"/>, when set, is checked on every vector the server returns, and
/// requested from it too where the API can ask for a size (OpenAI-compatible; Ollama's size is the model's).
/// </summary>
public sealed record EmbeddingModelOptions
{
    /// <summary>Which API <see cref="BaseUrl"/> speaks.</summary>
    public ModelProvider Provider { get; init; } = ModelProvider.OpenAi;

    /// <summary>The API root: for OpenAi e.g. http://127.0.0.1:8000/v1; for Ollama the server root, e.g. http://127.0.0.1:11434.</summary>
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
