using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// An error answered in the style of the API the path belongs to: OpenAI's <c>{"error":{"message",…}}</c> under
/// <c>/v1</c>, the flat <c>{"error": "..."}</c> of Ollama and text-embeddings-inference at the root.
/// </summary>
internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext http, int statusCode, string message, int? retryAfterSeconds, CancellationToken cancellationToken) =>
        http.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
            ? OpenAiWire.WriteErrorAsync(http, statusCode, message, retryAfterSeconds, cancellationToken)
            : RootWire.WriteErrorAsync(http, statusCode, message, retryAfterSeconds, cancellationToken);
}
