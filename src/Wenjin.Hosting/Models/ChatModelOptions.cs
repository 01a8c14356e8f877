namespace Wenjin.Hosting.Models;

/// <summary>
/// A chat endpoint: OpenAI-compatible (vLLM, Ollama's /v1, DeepSeek, Qwen/DashScope compatible mode, …) or Ollama's
/// native API (<see cref="Provider"/>). Configured as Wenjin:Chat:* (CONTRACTS.md); without a BaseUrl and a Model no
/// model is used and answers stay extractive.
/// </summary>
public sealed record ChatModelOptions
{
    /// <summary>Which API <see cref="BaseUrl"/> speaks.</summary>
    public ModelProvider Provider { get; init; } = ModelProvider.OpenAi;

    /// <summary>The API root: for OpenAi e.g. http://127.0.0.1:8000/v1; for Ollama the server root, e.g. http://127.0.0.1:11434.</summary>
    public string? BaseUrl { get; init; }

    public string? Model { get; init; }

    /// <summary>Sent as a Bearer token (for Ollama only when set, e.g. behind an authenticating proxy); local servers usually accept any value.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Per attempt: the whole response, or (streaming) the first token.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after a 408/429/5xx answer, a network error or a timeout, with exponential backoff.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First backoff delay (doubled each retry, with jitter); a Retry-After header wins when it is longer.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests in flight at once from this process; more wait their turn.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Numbered passages put in the prompt.</summary>
    public int Passages { get; init; } = 6;

    public float Temperature { get; init; } = 0.1f;

    public int MaxOutputTokens { get; init; } = 800;

    /// <summary>
    /// Extraction: the most characters of a document put in one prompt (the beginning of the document; values are still
    /// validated against all of it), and the output budget for the record.
    /// </summary>
    public int ExtractionCharacters { get; init; } = 12_000;

    public int ExtractionOutputTokens { get; init; } = 2_000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(Model);
}
