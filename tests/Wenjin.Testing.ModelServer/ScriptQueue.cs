namespace Wenjin.Testing.ModelServer;

/// <summary>A thread-safe first-in first-out queue of scripts, one per kind (chat, embeddings, rerank).</summary>
internal sealed class ScriptQueue<TScript>
    where TScript : class
{
    private readonly Queue<TScript> _queue = new();

    public int Count
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }

    public void Enqueue(TScript[] scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        lock (_queue)
        {
            foreach (var script in scripts)
            {
                _queue.Enqueue(script ?? throw new ArgumentException("A script is null.", nameof(scripts)));
            }
        }
    }

    public void Clear()
    {
        lock (_queue)
        {
            _queue.Clear();
        }
    }

    public TScript? Dequeue()
    {
        lock (_queue)
        {
            return _queue.TryDequeue(out var script) ? script : null;
        }
    }
}
