namespace Wenjin.Testing.ModelServer;

/// <summary>What a queued script does with the one request it answers.</summary>
internal enum ScriptKind
{
    /// <summary>A successful answer (chat text, embedding vectors, or rerank scores).</summary>
    Answer,

    /// <summary>An error status with the error body of the endpoint's API (and Retry-After when given).</summary>
    Status,

    /// <summary>Waits, then does what the follow-up script says; gives up when the client aborts.</summary>
    Delay,

    /// <summary>Status 200 with a body that is not valid JSON (a broken data line when streaming).</summary>
    MalformedJson,

    /// <summary>Starts the answer, then drops the connection mid-way.</summary>
    Truncated,

    /// <summary>Starts the answer (headers and the given pieces), then sends nothing until the client aborts.</summary>
    Stall,
}
