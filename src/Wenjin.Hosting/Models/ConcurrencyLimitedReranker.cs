namespace Wenjin.Hosting.Models;

/// <summary>A decorator that lets at most N rerank requests (with their retries) reach the model at once.</summary>
public sealed class ConcurrencyLimitedReranker : IReranker
{
    private readonly IReranker _inner;
    private readonly SemaphoreSlim _slots;

    public ConcurrencyLimitedReranker(IReranker inner, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _slots = new SemaphoreSlim(Math.Max(1, maxConcurrency));
    }

    public async Task<IReadOnlyList<double>> ScoreAsync(string query, IReadOnlyList<string> documents, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _inner.ScoreAsync(query, documents, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
