namespace Wenjin.Testing.ModelServer;

/// <summary>
/// The scripts for <c>POST /v1/rerank</c> and <c>POST /rerank</c> (either style): each valid request takes the next
/// queued script, in order; when the queue is empty <see cref="Default"/> scores the documents — by
/// <see cref="ScriptedRelevance.Score"/> unless replaced — and when it is set to null the answer is status 500 saying
/// so. Requests rejected before that (bad API key, invalid body) take no script. Thread-safe.
/// </summary>
public sealed class ScriptedRerank
{
    private readonly ScriptQueue<RerankScript> _queue = new();
    private volatile Func<ScriptedRerankRequest, IReadOnlyList<double>>? _default = ScriptedRelevance.Score;

    /// <summary>One score per document, in document order, for each request the queue does not answer.</summary>
    public Func<ScriptedRerankRequest, IReadOnlyList<double>>? Default
    {
        get => _default;
        set => _default = value;
    }

    /// <summary>Scripts not yet taken by a request.</summary>
    public int Pending => _queue.Count;

    /// <summary>Queues scripts for the next requests, in order.</summary>
    public void Enqueue(params RerankScript[] scripts) => _queue.Enqueue(scripts);

    /// <summary>Drops every queued script.</summary>
    public void Clear() => _queue.Clear();

    /// <summary>The next queued script, or null when there is none.</summary>
    internal RerankScript? Dequeue() => _queue.Dequeue();
}
