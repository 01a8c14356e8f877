using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Wenjin.Hosting.Models;

/// <summary>A decorator that lets at most N requests reach the model at once (a streamed one holds its slot to the end).</summary>
public sealed class ConcurrencyLimitedChatClient : DelegatingChatClient
{
    private readonly SemaphoreSlim _slots;

    public ConcurrencyLimitedChatClient(IChatClient inner, int maxConcurrency)
        : base(inner)
    {
        _slots = new SemaphoreSlim(Math.Max(1, maxConcurrency));
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slots.Dispose();
        }

        base.Dispose(disposing);
    }
}
