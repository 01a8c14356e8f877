using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// The wire pieces of the root-path APIs (Ollama's <c>/api/*</c>, text-embeddings-inference's <c>/rerank</c>): their
/// flat error body <c>{"error": "..."}</c> and newline-delimited JSON streams.
/// </summary>
internal static class RootWire
{
    private static readonly byte[] LineEnd = "\n"u8.ToArray();

    /// <summary><c>{"error": message}</c> with the status, and <c>Retry-After</c> (seconds) when given.</summary>
    public static Task WriteErrorAsync(HttpContext http, int statusCode, string message, int? retryAfterSeconds, CancellationToken cancellationToken)
    {
        if (retryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        byte[] body = OpenAiWire.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        });
        return OpenAiWire.WriteJsonAsync(http, statusCode, body, cancellationToken);
    }

    /// <summary>Sends status 200 and the headers of an NDJSON stream, so the client sees the answer begin.</summary>
    public static async Task StartLinesAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/x-ndjson";
        await http.Response.StartAsync(cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Sends one JSON object as one line and flushes it.</summary>
    public static async Task WriteLineAsync(HttpContext http, byte[] json, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(json, cancellationToken);
        await http.Response.Body.WriteAsync(LineEnd, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
