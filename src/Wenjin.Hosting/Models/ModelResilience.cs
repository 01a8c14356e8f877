using System.ClientModel;
using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Wenjin.Hosting.Models;

/// <summary>
/// What every model call retries and how: 408, 429 and 5xx answers, network errors and a per-attempt timeout, with
/// exponential backoff and jitter, a longer Retry-After winning. Shared by the chat and embedding decorators.
/// </summary>
public static class ModelResilience
{
    public static ResiliencePipeline Pipeline(int maxRetries, TimeSpan delay, TimeSpan timeout) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = Math.Max(0, maxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
            })
            .AddTimeout(timeout)
            .Build();

    /// <summary>Worth another attempt: the server was busy or failed, the network failed, or the attempt timed out.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException result => result.Status is 0 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500,
        HttpRequestException => true,
        TimeoutRejectedException => true,
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

        return null;
    }
}
