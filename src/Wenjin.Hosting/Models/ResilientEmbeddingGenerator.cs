using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Wenjin.Hosting.Models;

/// <summary>The embeddings counterpart of <see cref="ResilientChatClient"/>: same transient errors, same backoff, per-attempt timeout.</summary>
public sealed class ResilientEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ResiliencePipeline _pipeline;

    public ResilientEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingModelOptions options)
        : base(inner)
    {
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ResilientChatClient.IsTransient),
                MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IList<string> ?? [.. values];
        return _pipeline.ExecuteAsync(
            async token => await base.GenerateAsync(texts, options, token).ConfigureAwait(false),
            cancellationToken).AsTask();
    }
}
