using Microsoft.Extensions.AI;
using Polly;

namespace Wenjin.Hosting.Models;

/// <summary>The embeddings counterpart of <see cref="ResilientChatClient"/>: same transient errors, same backoff, per-attempt timeout.</summary>
public sealed class ResilientEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ResiliencePipeline _pipeline;

    public ResilientEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, EmbeddingModelOptions options)
        : base(inner)
    {
        _pipeline = ModelResilience.Pipeline(options.MaxRetries, options.RetryDelay, options.Timeout);
    }

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IList<string> ?? [.. values];
        return _pipeline.ExecuteAsync(
            async token => await base.GenerateAsync(texts, options, token).ConfigureAwait(false),
            cancellationToken).AsTask();
    }
}
