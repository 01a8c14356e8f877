using Polly;

namespace Wenjin.Hosting.Models;

/// <summary>The reranker counterpart of <see cref="ResilientChatClient"/>: same transient errors, same backoff and Retry-After, per-attempt timeout.</summary>
public sealed class ResilientReranker : IReranker
{
    private readonly IReranker _inner;
    private readonly ResiliencePipeline _pipeline;

    public ResilientReranker(IReranker inner, RerankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _pipeline = ModelResilience.Pipeline(options.MaxRetries, options.RetryDelay, options.Timeout);
    }

    public Task<IReadOnlyList<double>> ScoreAsync(string query, IReadOnlyList<string> documents, CancellationToken cancellationToken = default) =>
        _pipeline.ExecuteAsync(
            async token => await _inner.ScoreAsync(query, documents, token).ConfigureAwait(false),
            cancellationToken).AsTask();
}
