namespace Wenjin.Testing.ModelServer;

/// <summary>
/// How the scripted server answers one <c>POST /v1/embeddings</c>: a list with one embedding per input, in input
/// order, as float arrays or, when the request asks <c>"encoding_format": "base64"</c> (the OpenAI .NET client does),
/// as base64 of little-endian float32; or one <c>POST /api/embed</c>: Ollama's <c>{"model","embeddings":[[…],…]}</c>.
/// Immutable; one instance may be queued any number of times.
/// </summary>
public sealed record EmbeddingScript
{
    private EmbeddingScript(ScriptKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    internal ScriptKind Kind { get; }

    internal string Description { get; }

    /// <summary>For an answer: these vectors exactly (their count need not match the inputs), or null to compute them.</summary>
    internal IReadOnlyList<float[]>? Fixed { get; private init; }

    /// <summary>For an answer without <see cref="Fixed"/>: <see cref="ScriptedVectors.For"/> of each input at this size.</summary>
    internal int Dimensions { get; private init; }

    internal int StatusCode { get; private init; } = 200;

    internal int? RetryAfterSeconds { get; private init; }

    internal string? Message { get; private init; }

    internal TimeSpan Wait { get; private init; }

    /// <summary>For <see cref="Delay"/>: what to do after the wait; null means answer as <see cref="ScriptedEmbeddings.Default"/> would.</summary>
    internal EmbeddingScript? Then { get; private init; }

    /// <summary>Answers exactly these vectors, whatever the inputs were (so a wrong count can be scripted too).</summary>
    public static EmbeddingScript Vectors(params float[][] vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        return new EmbeddingScript(ScriptKind.Answer, $"Vectors({vectors.Length})") { Fixed = [.. vectors.Select(v => v.ToArray())] };
    }

    /// <summary>
    /// Answers <see cref="ScriptedVectors.For"/> of each input with <paramref name="dimensions"/> components: a model
    /// that is not the one the index was built with.
    /// </summary>
    public static EmbeddingScript WrongDimension(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return new EmbeddingScript(ScriptKind.Answer, $"WrongDimension({dimensions})") { Dimensions = dimensions };
    }

    /// <summary>
    /// Answers <paramref name="statusCode"/> with the error body of the path's API (OpenAI's, or Ollama's
    /// <c>{"error": "..."}</c>) and, when given, a <c>Retry-After</c> header.
    /// </summary>
    public static EmbeddingScript Status(int statusCode, int? retryAfterSeconds = null, string? message = null)
    {
        ScriptChecks.Status(statusCode, retryAfterSeconds);
        return new EmbeddingScript(ScriptKind.Status, $"Status({statusCode})")
        {
            StatusCode = statusCode,
            RetryAfterSeconds = retryAfterSeconds,
            Message = message,
        };
    }

    /// <summary>
    /// Waits <paramref name="delay"/> before doing what <paramref name="then"/> says (null: what
    /// <see cref="ScriptedEmbeddings.Default"/> answers); ends early, with nothing sent, when the client aborts.
    /// </summary>
    public static EmbeddingScript Delay(TimeSpan delay, EmbeddingScript? then = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new EmbeddingScript(ScriptKind.Delay, $"Delay({delay}, {then?.Description ?? "Default"})") { Wait = delay, Then = then };
    }

    /// <summary>Status 200 with a cut-off JSON body.</summary>
    public static EmbeddingScript MalformedJson() => new(ScriptKind.MalformedJson, "MalformedJson()");

    public override string ToString() => Description;
}
