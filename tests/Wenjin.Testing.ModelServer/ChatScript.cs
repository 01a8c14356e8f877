namespace Wenjin.Testing.ModelServer;

/// <summary>
/// How the scripted server answers one <c>POST /v1/chat/completions</c>. Answers follow the mode the request asked for:
/// a non-streaming request gets one <c>chat.completion</c> whose content is all pieces joined; a streaming request
/// (<c>"stream": true</c>) gets one <c>chat.completion.chunk</c> per piece (a <see cref="Reply"/> is one piece), a final
/// chunk with the finish reason, a usage chunk when <c>stream_options.include_usage</c> is set, then <c>[DONE]</c>.
/// The same script answers Ollama's <c>POST /api/chat</c> in its format: one object with the whole message, or (when
/// streaming, Ollama's default) one NDJSON line per piece and a last line with <c>done: true</c>, <c>done_reason</c>
/// and the counts <c>prompt_eval_count</c> / <c>eval_count</c>; failures the same way, with Ollama's error body.
/// Usage defaults to <see cref="ScriptedTokens.Count"/> of the request's message contents and of the answer.
/// Immutable; one instance may be queued any number of times.
/// </summary>
public sealed record ChatScript
{
    private ChatScript(ScriptKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    internal ScriptKind Kind { get; }

    internal string Description { get; }

    internal IReadOnlyList<string> Pieces { get; private init; } = [];

    internal string FinishReason { get; private init; } = "stop";

    internal int? PromptTokens { get; private init; }

    internal int? CompletionTokens { get; private init; }

    internal int StatusCode { get; private init; } = 200;

    internal int? RetryAfterSeconds { get; private init; }

    internal string? Message { get; private init; }

    internal TimeSpan Wait { get; private init; }

    /// <summary>For <see cref="Delay"/>: what to do after the wait; null means answer as <see cref="ScriptedChat.Default"/> would.</summary>
    internal ChatScript? Then { get; private init; }

    /// <summary>Answers <paramref name="text"/> with finish reason "stop".</summary>
    public static ChatScript Reply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ChatScript(ScriptKind.Answer, $"Reply({Quote(text)})") { Pieces = [text] };
    }

    /// <summary>Answers the pieces in order (one chunk each when streaming; joined when not) with finish reason "stop".</summary>
    public static ChatScript Stream(params string[] pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        return new ChatScript(ScriptKind.Answer, $"Stream({string.Join(", ", pieces.Select(Quote))})") { Pieces = [.. pieces] };
    }

    /// <summary>
    /// Answers <paramref name="statusCode"/> with an OpenAI error body (<c>{"error":{"message","type","param","code"}}</c>),
    /// or Ollama's (<c>{"error": "..."}</c>) on /api/chat, and, when given, a <c>Retry-After</c> header in whole seconds.
    /// </summary>
    public static ChatScript Status(int statusCode, int? retryAfterSeconds = null, string? message = null)
    {
        ScriptChecks.Status(statusCode, retryAfterSeconds);
        return new ChatScript(ScriptKind.Status, $"Status({statusCode})")
        {
            StatusCode = statusCode,
            RetryAfterSeconds = retryAfterSeconds,
            Message = message,
        };
    }

    /// <summary>
    /// Waits <paramref name="delay"/> before doing what <paramref name="then"/> says (null: what
    /// <see cref="ScriptedChat.Default"/> answers). The wait ends early, with nothing sent, when the client aborts the
    /// request or the server is disposed, so a client timeout never leaves a test waiting.
    /// </summary>
    public static ChatScript Delay(TimeSpan delay, ChatScript? then = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new ChatScript(ScriptKind.Delay, $"Delay({delay}, {then?.Description ?? "Default"})") { Wait = delay, Then = then };
    }

    /// <summary>Status 200 with a body that is not JSON: a cut-off object, or a broken <c>data:</c> line (then <c>[DONE]</c>) when streaming.</summary>
    public static ChatScript MalformedJson() => new(ScriptKind.MalformedJson, "MalformedJson()");

    /// <summary>
    /// Drops the connection mid-answer: when streaming, after the role chunk, one chunk per piece and half of another
    /// chunk (no finish reason, no <c>[DONE]</c>); when not, after half of a body whose Content-Length promised all.
    /// </summary>
    public static ChatScript Truncated(params string[] piecesBeforeCut)
    {
        ArgumentNullException.ThrowIfNull(piecesBeforeCut);
        return new ChatScript(ScriptKind.Truncated, $"Truncated({string.Join(", ", piecesBeforeCut.Select(Quote))})") { Pieces = [.. piecesBeforeCut] };
    }

    /// <summary>
    /// Hangs: when streaming, sends the headers, the role chunk and one chunk per piece, then nothing; when not, sends
    /// nothing. Ends only when the client aborts (recorded as <see cref="RecordedRequest.Aborted"/>) or the server stops.
    /// </summary>
    public static ChatScript Stall(params string[] piecesBeforeStall)
    {
        ArgumentNullException.ThrowIfNull(piecesBeforeStall);
        return new ChatScript(ScriptKind.Stall, $"Stall({string.Join(", ", piecesBeforeStall.Select(Quote))})") { Pieces = [.. piecesBeforeStall] };
    }

    /// <summary>The same answer with another finish reason (e.g. "length" for an answer cut by max_tokens).</summary>
    public ChatScript WithFinishReason(string finishReason)
    {
        ArgumentException.ThrowIfNullOrEmpty(finishReason);
        return this with { FinishReason = finishReason };
    }

    /// <summary>The same answer reporting this usage instead of the counted one (total = prompt + completion).</summary>
    public ChatScript WithUsage(int promptTokens, int completionTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(promptTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(completionTokens);
        return this with { PromptTokens = promptTokens, CompletionTokens = completionTokens };
    }

    public override string ToString() => Description;

    private static string Quote(string text) => "\"" + (text.Length > 40 ? text[..40] + "…" : text) + "\"";
}
