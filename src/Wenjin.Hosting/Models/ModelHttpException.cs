using System.Net;

namespace Wenjin.Hosting.Models;

/// <summary>
/// A model server (Ollama, a reranker) answered an error status: the status, the server's own message and its
/// Retry-After, so <see cref="ModelResilience"/> can tell a busy or failing server (retried) from a refused request.
/// </summary>
public sealed class ModelHttpException : HttpRequestException
{
    public ModelHttpException(string message, HttpStatusCode statusCode, TimeSpan? retryAfter)
        : base(message, null, statusCode)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long the server asked to wait before the next attempt, when it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
