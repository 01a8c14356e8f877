namespace Wenjin.Testing.ModelServer;

/// <summary>
/// The scripts for <c>POST /v1/chat/completions</c> and Ollama's <c>POST /api/chat</c>: each valid request takes the next queued script, in order; when
/// the queue is empty it is answered by <see cref="Default"/>, and when that is not set by status 500 saying so.
/// Requests rejected before that (bad API key, invalid body) take no script. Thread-safe.
/// </summary>
public sealed class ScriptedChat
{
    private readonly ScriptQueue<ChatScript> _queue = new();
    private volatile Func<ScriptedChatRequest, ChatScript>? _default;

    /// <summary>Answers each request the queue does not, e.g. <c>request => ChatScript.Reply(request.LastUserMessage)</c>.</summary>
    public Func<ScriptedChatRequest, ChatScript>? Default
    {
        get => _default;
        set => _default = value;
    }

    /// <summary>Scripts not yet taken by a request.</summary>
    public int Pending => _queue.Count;

    /// <summary>Queues scripts for the next requests, in order.</summary>
    public void Enqueue(params ChatScript[] scripts) => _queue.Enqueue(scripts);

    /// <summary>Drops every queued script.</summary>
    public void Clear() => _queue.Clear();

    /// <summary>The next queued script, or null when there is none.</summary>
    internal ChatScript? Dequeue() => _queue.Dequeue();
}
