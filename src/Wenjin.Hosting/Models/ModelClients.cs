using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace Wenjin.Hosting.Models;

/// <summary>
/// Builds the chat client from options: the OpenAI .NET client pointed at the configured root (its own retries off),
/// wrapped in decorators — resilience (<see cref="ResilientChatClient"/>), a concurrency limit, and Microsoft.Extensions.AI's
/// logging (which writes prompts and responses only at Trace, so document text never reaches logs above Trace).
/// </summary>
public static class ModelClients
{
    public static IChatClient? CreateChatClient(ChatModelOptions options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return null;
        }

        var (credential, clientOptions) = Connection("Chat", options.BaseUrl!, options.ApiKey, options.Timeout);
        var client = new OpenAI.Chat.ChatClient(options.Model!, credential, clientOptions);

        var builder = new ChatClientBuilder(client.AsIChatClient())
            .Use(inner => new ConcurrencyLimitedChatClient(inner, options.MaxConcurrency))
            .Use(inner => new ResilientChatClient(inner, options));
        if (loggers is not null)
        {
            builder.UseLogging(loggers);
        }

        return builder.Build();
    }

    /// <summary>
    /// The embedding generator: the OpenAI .NET client (its retries off) wrapped in a cache by model + content hash, a
    /// dimension check, retries and timeouts. Null when not configured.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddingGenerator(EmbeddingModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            return null;
        }

        var (credential, clientOptions) = Connection("Embeddings", options.BaseUrl!, options.ApiKey, options.Timeout);
        var client = new OpenAI.Embeddings.EmbeddingClient(options.Model!, credential, clientOptions);

        IEmbeddingGenerator<string, Embedding<float>> generator = client.AsIEmbeddingGenerator(options.Dimensions);
        generator = new ResilientEmbeddingGenerator(generator, options);
        generator = new CheckedEmbeddingGenerator(generator, options.Model!, options.Dimensions);
        return new CachingEmbeddingGenerator(generator, options.Model!, options.CacheEntries);
    }

    /// <summary>
    /// The OpenAI client settings for an OpenAI-compatible root: its own retries off (ours are decorators), a network
    /// timeout a little above the per-attempt one, any API key ("none" for servers that need none).
    /// </summary>
    private static (ApiKeyCredential Credential, OpenAIClientOptions Options) Connection(string section, string baseUrl, string? apiKey, TimeSpan timeout)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw Errors.WenjinException.Invalid($"Wenjin:{section}:BaseUrl '{baseUrl}' is not an http(s) URL; give the OpenAI-compatible root, e.g. http://127.0.0.1:8000/v1.");
        }

        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = timeout + TimeSpan.FromSeconds(5),
        };
        return (new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "none" : apiKey), options);
    }
}
