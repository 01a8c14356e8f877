namespace Wenjin.Testing.ModelServer;

/// <summary>
/// The scripts for <c>POST /v1/embeddings</c> and Ollama's <c>POST /api/embed</c>: each valid request takes the next queued script, in order; when the
/// queue is empty <see cref="Default"/> computes the vectors, and when that is not set the answer is status 500 saying
/// so. Requests rejected before that (bad API key, invalid body) take no script. Thread-safe.
/// </summary>
public sealed class ScriptedEmbeddings
{
    private readonly ScriptQueue<EmbeddingScript> _queue = new();
    private volatile Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? _default;

    /// <summary>
    /// Computes one vector per input text, in order, for each request the queue does not answer, e.g.
    /// <c>ScriptedVectors.Generator(64)</c>.
    /// </summary>
    public Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? Default
    {
        get => _default;
        set => _default = value;
    }

    /// <summary>Scripts not yet taken by a request.</summary>
    public int Pending => _queue.Count;

    /// <summary>Queues scripts for the next requests, in order.</summary>
    public void Enqueue(params EmbeddingScript[] scripts) => _queue.Enqueue(scripts);

    /// <summary>Drops every queued script.</summary>
    public void Clear() => _queue.Clear();

    /// <summary>The next queued script, or null when there is none.</summary>
    internal EmbeddingScript? Dequeue() => _queue.Dequeue();
}
