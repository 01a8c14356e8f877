using System.Text.Json;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// One request the scripted server received, recorded when it arrived (before it was answered), in arrival order.
/// <see cref="StatusCode"/> and <see cref="Aborted"/> are filled in when the answer ends.
/// </summary>
public sealed class RecordedRequest
{
    private volatile int _statusCode;
    private volatile bool _aborted;

    internal RecordedRequest(int sequence, string method, string path, IReadOnlyDictionary<string, string> headers, string rawBody, JsonElement? body)
    {
        Sequence = sequence;
        Method = method;
        Path = path;
        Headers = headers;
        RawBody = rawBody;
        Body = body;
    }

    /// <summary>1 for the first request the server received, then 2, 3…</summary>
    public int Sequence { get; }

    public DateTimeOffset ReceivedAt { get; } = DateTimeOffset.UtcNow;

    public string Method { get; }

    /// <summary>The path as sent, e.g. "/v1/chat/completions" or "/api/chat".</summary>
    public string Path { get; }

    /// <summary>Every header (names case-insensitive; repeated values joined by ", ").</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The Authorization header, e.g. "Bearer k", or null.</summary>
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    /// <summary>The token of a "Bearer" Authorization header, or null.</summary>
    public string? ApiKey =>
        Authorization is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : null;

    /// <summary>The body as sent, decoded as UTF-8 ("" when empty).</summary>
    public string RawBody { get; }

    /// <summary>The body parsed as JSON, or null when it is empty or not JSON.</summary>
    public JsonElement? Body { get; }

    /// <summary>The chat request, when this was a valid POST to /v1/chat/completions or /api/chat.</summary>
    public ScriptedChatRequest? Chat { get; internal init; }

    /// <summary>The embeddings request, when this was a valid POST to /v1/embeddings or /api/embed.</summary>
    public ScriptedEmbeddingRequest? Embedding { get; internal init; }

    /// <summary>The rerank request, when this was a valid POST to /v1/rerank or /rerank.</summary>
    public ScriptedRerankRequest? Rerank { get; internal init; }

    /// <summary>The status the server answered; 0 while it has not answered yet, or when it sent nothing before an abort.</summary>
    public int StatusCode
    {
        get => _statusCode;
        internal set => _statusCode = value;
    }

    /// <summary>
    /// The connection ended before a complete answer: the client gave up (timeout, cancellation) during a
    /// <see cref="ChatScript.Delay"/> (or another script's Delay) or <see cref="ChatScript.Stall"/>, or a
    /// <see cref="ChatScript.Truncated"/> script cut it.
    /// </summary>
    public bool Aborted
    {
        get => _aborted;
        internal set => _aborted = value;
    }

    /// <summary>"model" of the JSON body, or null.</summary>
    public string? Model => Body is { } body ? Json.String(body, "model") : null;

    public override string ToString() => $"#{Sequence} {Method} {Path} → {StatusCode}{(Aborted ? " (aborted)" : "")}";
}
