using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Timeout;

namespace Wenjin.Hosting.Models;

/// <summary>
/// A decorator that retries what is worth retrying — 408, 429 and 5xx answers, network errors, a per-attempt timeout —
/// with exponential backoff and jitter (a longer Retry-After wins), through a Polly pipeline. A streamed response is
/// retried only until its first update arrives: after that, text has been shown and a retry would repeat it.
/// Everything else (400, 401, malformed responses) fails at once. A cancelled attempt never counts as an answer, even
/// when the inner client ends its stream quietly on cancellation instead of throwing (OllamaSharp does).
/// </summary>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ChatModelOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public ResilientChatClient(IChatClient inner, ChatModelOptions options)
        : base(inner)
    {
        _options = options;
        _pipeline = ModelResilience.Pipeline(options.MaxRetries, options.RetryDelay, options.Timeout);
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        return _pipeline.ExecuteAsync(
            async token => await base.GetResponseAsync(list, options, token).ConfigureAwait(false),
            cancellationToken).AsTask();
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        IAsyncEnumerator<ChatResponseUpdate>? updates = null;
        CancellationTokenSource? attemptToken = null;
        bool any = false;
        for (int attempt = 0; ; attempt++)
        {
            // Cancelled by the caller, or by the timeout until the first update (then the timer is switched off).
            attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptToken.CancelAfter(_options.Timeout);
            try
            {
                updates = base.GetStreamingResponseAsync(list, options, attemptToken.Token).GetAsyncEnumerator(attemptToken.Token);
                any = await updates.MoveNextAsync().ConfigureAwait(false);
                attemptToken.Token.ThrowIfCancellationRequested();
                attemptToken.CancelAfter(Timeout.InfiniteTimeSpan);
                break;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                bool timedOut = attemptToken.IsCancellationRequested;
                if (updates is not null)
                {
                    await updates.DisposeAsync().ConfigureAwait(false);
                    updates = null;
                }

                attemptToken.Dispose();
                if (attempt >= _options.MaxRetries || !(timedOut || ModelResilience.IsTransient(e)))
                {
                    if (timedOut)
                    {
                        throw new TimeoutRejectedException($"The chat model did not start answering within {_options.Timeout.TotalSeconds:0.#} s.", e);
                    }

                    throw;
                }

                var delay = ModelResilience.RetryAfter(e) ?? TimeSpan.FromTicks(_options.RetryDelay.Ticks * (1L << Math.Min(attempt, 10)));
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        using (attemptToken)
        {
            await using (updates.ConfigureAwait(false))
            {
                while (any)
                {
                    yield return updates.Current;
                    any = await updates.MoveNextAsync().ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }
}
