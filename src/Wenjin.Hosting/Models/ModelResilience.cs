using System.ClientModel;
using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Wenjin.Hosting.Models;

/// <summary>
/// What every model call retries and how: 408, 429 and 5xx answers, network errors and a per-attempt timeout, with
/// exponential backoff and jitter, a longer Retry-After winning. Shared by the chat, embedding and rerank decorators,
/// whichever client is inside: the OpenAI .NET client (<see cref="ClientResultException"/>) or an HttpClient-based one
/// (OllamaSharp, the reranker: <see cref="ModelHttpException"/> from <see cref="ModelErrorStatusHandler"/>, or
/// <see cref="HttpRequestException"/> without a status when the connection failed).
/// </summary>
public static class ModelResilience
{
    /// <summary>Retries (none when <paramref name="maxRetries"/> is 0: Polly's retry needs at least one) around a per-attempt timeout.</summary>
    public static ResiliencePipeline Pipeline(int maxRetries, TimeSpan delay, TimeSpan timeout)
    {
        var builder = new ResiliencePipelineBuilder();
        if (maxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
            });
        }

        return builder.AddTimeout(timeout).Build();
    }

    /// <summary>
    /// Worth another attempt: the server was busy or failed (408, 429, 5xx), the network failed or timed out (an
    /// HttpClient timeout is a cancellation around a <see cref="TimeoutException"/>), or the attempt timed out.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException result => result.Status == 0 || IsTransientStatus(result.Status),
        HttpRequestException { StatusCode: { } status } => IsTransientStatus((int)status),
        HttpRequestException => true,
        TimeoutRejectedException => true,
        TimeoutException => true,
        IOException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>The server's Retry-After (seconds, at most 60), or null to use the backoff.</summary>
    public static TimeSpan? RetryAfter(Exception? exception)
    {
        if (exception is ClientResultException result && result.GetRawResponse() is { } response
            && response.Headers.TryGetValue("Retry-After", out string? value)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 60));
        }

        if (exception is ModelHttpException { RetryAfter: { } after })
        {
            return TimeSpan.FromSeconds(Math.Clamp(after.TotalSeconds, 0, 60));
        }

        return null;
    }

    private static bool IsTransientStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
}
