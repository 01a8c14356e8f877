using System.Globalization;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// How the scripted server answers one rerank request, in the style the request was sent in. Scores (scripted or from
/// <see cref="ScriptedRerank.Default"/>) are answered as real rerankers do: sorted by score, highest first (ties in
/// document order), so the results are out of input order; Cohere style keeps only the best "top_n" when it is
/// positive and includes each document's text. Immutable; one instance may be queued any number of times.
/// </summary>
public sealed record RerankScript
{
    private RerankScript(ScriptKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    internal ScriptKind Kind { get; }

    internal string Description { get; }

    /// <summary>For an answer: one score per document in document order (any count), or null when <see cref="Raw"/> is set.</summary>
    internal IReadOnlyList<double>? Fixed { get; private init; }

    /// <summary>For an answer: the results exactly as listed, unsorted and unchecked.</summary>
    internal IReadOnlyList<(int Index, double Score)>? Raw { get; private init; }

    internal int StatusCode { get; private init; } = 200;

    internal int? RetryAfterSeconds { get; private init; }

    internal string? Message { get; private init; }

    internal TimeSpan Wait { get; private init; }

    /// <summary>For <see cref="Delay"/>: what to do after the wait; null means answer as <see cref="ScriptedRerank.Default"/> would.</summary>
    internal RerankScript? Then { get; private init; }

    /// <summary>Scores the documents exactly so, in document order (fewer or more than the documents: a wrong count).</summary>
    public static RerankScript Scores(params double[] scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new RerankScript(ScriptKind.Answer, $"Scores({string.Join(", ", scores.Select(s => s.ToString(CultureInfo.InvariantCulture)))})") { Fixed = [.. scores] };
    }

    /// <summary>
    /// Answers exactly these results in this order, whatever the documents were: for an index out of range, a document
    /// scored twice or one left out.
    /// </summary>
    public static RerankScript Results(params (int Index, double Score)[] results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new RerankScript(ScriptKind.Answer, $"Results({string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Index}:{r.Score}")))})") { Raw = [.. results] };
    }

    /// <summary>
    /// Answers <paramref name="statusCode"/> with the error body of the path's API (OpenAI's under /v1, the flat
    /// <c>{"error": "..."}</c> at the root) and, when given, a <c>Retry-After</c> header in whole seconds.
    /// </summary>
    public static RerankScript Status(int statusCode, int? retryAfterSeconds = null, string? message = null)
    {
        ScriptChecks.Status(statusCode, retryAfterSeconds);
        return new RerankScript(ScriptKind.Status, $"Status({statusCode})")
        {
            StatusCode = statusCode,
            RetryAfterSeconds = retryAfterSeconds,
            Message = message,
        };
    }

    /// <summary>
    /// Waits <paramref name="delay"/> before doing what <paramref name="then"/> says (null: what
    /// <see cref="ScriptedRerank.Default"/> answers); ends early, with nothing sent, when the client aborts.
    /// </summary>
    public static RerankScript Delay(TimeSpan delay, RerankScript? then = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new RerankScript(ScriptKind.Delay, $"Delay({delay}, {then?.Description ?? "Default"})") { Wait = delay, Then = then };
    }

    /// <summary>Status 200 with a cut-off JSON body.</summary>
    public static RerankScript MalformedJson() => new(ScriptKind.MalformedJson, "MalformedJson()");

    public override string ToString() => Description;
}
