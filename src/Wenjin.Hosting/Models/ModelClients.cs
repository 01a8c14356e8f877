using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OllamaSharp;
using OpenAI;
using Wenjin.Errors;

namespace Wenjin.Hosting.Models;

/// <summary>
/// Builds the model clients from options. The client that speaks the provider's API — the OpenAI .NET client (its own
/// retries off) or OllamaSharp's <see cref="OllamaApiClient"/> — sits innermost; the same decorators wrap either:
/// resilience (<see cref="ResilientChatClient"/>), a concurrency limit and Microsoft.Extensions.AI's logging (which
/// writes prompts and responses only at Trace, so document text never reaches logs above Trace).
/// </summary>
public static class ModelClients
{
    /// <summary>
    /// The network timeout of the clients: a little above the per-attempt timeout, which the resilience decorators
    /// enforce, so the network gives up only when they did not.
    /// </summary>
    private static readonly TimeSpan NetworkMargin = TimeSpan.FromSeconds(5);

    public static IChatClient? CreateChatClient(ChatModelOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return null;
        }

        IChatClient model = options.Provider switch
        {
            ModelProvider.OpenAi => OpenAiChat(options),
            ModelProvider.Ollama => Ollama("Chat", options.BaseUrl!, options.Model!, options.ApiKey, options.Timeout),
            _ => throw UnknownProvider("Chat", options.Provider),
        };

        var builder = new ChatClientBuilder(model)
            .Use(inner => new ConcurrencyLimitedChatClient(inner, options.MaxConcurrency))
            .Use(inner => new ResilientChatClient(inner, options));
        if (loggers is not null)
        {
            builder.UseLogging(loggers);
        }

        return builder.Build();
    }

    /// <summary>
    /// The embedding generator: the provider's client wrapped in a cache by model + content hash, a dimension check,
    /// retries and timeouts. Null when not configured.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddingGenerator(EmbeddingModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return null;
        }

        IEmbeddingGenerator<string, Embedding<float>> generator = options.Provider switch
        {
            ModelProvider.OpenAi => OpenAiEmbeddings(options),
            ModelProvider.Ollama => Ollama("Embeddings", options.BaseUrl!, options.Model!, options.ApiKey, options.Timeout),
            _ => throw UnknownProvider("Embeddings", options.Provider),
        };
        generator = new ResilientEmbeddingGenerator(generator, options);
        generator = new CheckedEmbeddingGenerator(generator, options.Model!, options.Dimensions);
        return new CachingEmbeddingGenerator(generator, options.Model!, options.CacheEntries);
    }

    /// <summary>
    /// The reranker: <see cref="HttpReranker"/> in the configured style, wrapped in a concurrency limit, retries and
    /// timeouts (<see cref="ResilientReranker"/>), and logging (counts and times; texts only at Trace). Null when not
    /// configured.
    /// </summary>
    public static IReranker? CreateReranker(RerankerOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return null;
        }

        if (options.Style is not (RerankStyle.Cohere or RerankStyle.Tei))
        {
            throw WenjinException.Invalid($"Wenjin:Reranker:Style '{options.Style}' is not Cohere or Tei.");
        }

        var root = Root("Reranker", options.BaseUrl!, "give the root that serves /rerank, e.g. http://127.0.0.1:8000/v1 (Cohere style: vLLM, Xinference, Jina) or http://127.0.0.1:8080 (Tei)");
        IReranker reranker = new HttpReranker(Http(root, options.ApiKey, options.Timeout), new Uri(root, "rerank"), options);
        if (loggers is not null)
        {
            reranker = new LoggingReranker(reranker, loggers.CreateLogger<LoggingReranker>());
        }

        reranker = new ResilientReranker(reranker, options);
        return new ConcurrencyLimitedReranker(reranker, options.MaxConcurrency);
    }

    private static IChatClient OpenAiChat(ChatModelOptions options)
    {
        var (credential, clientOptions) = OpenAiConnection("Chat", options.BaseUrl!, options.ApiKey, options.Timeout);
        return new OpenAI.Chat.ChatClient(options.Model!, credential, clientOptions).AsIChatClient();
    }

    private static IEmbeddingGenerator<string, Embedding<float>> OpenAiEmbeddings(EmbeddingModelOptions options)
    {
        var (credential, clientOptions) = OpenAiConnection("Embeddings", options.BaseUrl!, options.ApiKey, options.Timeout);
        return new OpenAI.Embeddings.EmbeddingClient(options.Model!, credential, clientOptions).AsIEmbeddingGenerator(options.Dimensions);
    }

    /// <summary>
    /// The OpenAI client settings for an OpenAI-compatible root: its own retries off (ours are decorators), the network
    /// timeout a little above the per-attempt one, any API key ("none" for servers that need none).
    /// </summary>
    private static (ApiKeyCredential Credential, OpenAIClientOptions Options) OpenAiConnection(string section, string baseUrl, string? apiKey, TimeSpan timeout)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = Url(section, baseUrl, "give the OpenAI-compatible root, e.g. http://127.0.0.1:8000/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = timeout + NetworkMargin,
        };
        return (new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey), options);
    }

    /// <summary>
    /// OllamaSharp's client (chat and embeddings) on the Ollama root, over an HttpClient whose error statuses carry
    /// Retry-After (<see cref="ModelErrorStatusHandler"/>) and whose timeout is the OpenAI path's network timeout.
    /// </summary>
    private static OllamaApiClient Ollama(string section, string baseUrl, string model, string? apiKey, TimeSpan timeout)
    {
        var root = Root(section, baseUrl, "give the Ollama root, e.g. http://127.0.0.1:11434");
        if (root.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            throw WenjinException.Invalid(
                $"Wenjin:{section}:BaseUrl '{baseUrl}' ends in /v1, Ollama's OpenAI-compatible path; with Wenjin:{section}:Provider=Ollama give the Ollama root, e.g. http://127.0.0.1:11434 (or keep /v1 with Provider=OpenAi).");
        }

        return new CancellableOllamaApiClient(Http(root, apiKey, timeout), model);
    }

    /// <summary>
    /// An HttpClient for a model server's root: error statuses as <see cref="ModelHttpException"/>, the network timeout
    /// a little above the per-attempt one, pooled connections renewed so a changed DNS name is followed, a Bearer key
    /// when one is set. It lives as long as the client that uses it (the process).
    /// </summary>
    private static HttpClient Http(Uri root, string? apiKey, TimeSpan timeout)
    {
        var handler = new ModelErrorStatusHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = root, Timeout = timeout + NetworkMargin };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return http;
    }

    /// <summary>The configured URL as a root to resolve relative paths against (ending in "/", so "/v1" is kept).</summary>
    private static Uri Root(string section, string baseUrl, string example)
    {
        var url = Url(section, baseUrl, example);
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/");
    }

    private static Uri Url(string section, string baseUrl, string example)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw WenjinException.Invalid($"Wenjin:{section}:BaseUrl '{baseUrl}' is not an http(s) URL; {example}.");
        }

        return url;
    }

    private static WenjinException UnknownProvider(string section, ModelProvider provider) =>
        WenjinException.Invalid($"Wenjin:{section}:Provider '{provider}' is not OpenAi or Ollama.");
}
