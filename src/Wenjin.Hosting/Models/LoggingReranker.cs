using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Wenjin.Hosting.Models;

/// <summary>
/// A decorator that logs each rerank attempt like Microsoft.Extensions.AI logs chat: counts and times at Debug, the
/// query, documents and scores only at Trace (document text never reaches logs above Trace), failures at Error
/// (their messages name servers and indexes, never texts), cancellations at Debug.
/// </summary>
public sealed partial class LoggingReranker : IReranker
{
    /// <summary>Texts at Trace stay readable (Chinese not escaped); a log line is not HTML.</summary>
    private static readonly JsonSerializerOptions TraceJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IReranker _inner;
    private readonly ILogger _logger;

    public LoggingReranker(IReranker inner, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(logger);
        _inner = inner;
        _logger = logger;
    }

    public async Task<IReadOnlyList<double>> ScoreAsync(string query, IReadOnlyList<string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            LogInvokedSensitive(query, JsonSerializer.Serialize(documents, TraceJson));
        }
        else
        {
            LogInvoked(documents.Count);
        }

        long started = Stopwatch.GetTimestamp();
        try
        {
            var scores = await _inner.ScoreAsync(query, documents, cancellationToken).ConfigureAwait(false);
            double milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                LogCompletedSensitive(milliseconds, JsonSerializer.Serialize(scores, TraceJson));
            }
            else
            {
                LogCompleted(scores.Count, milliseconds);
            }

            return scores;
        }
        catch (OperationCanceledException)
        {
            LogCanceled();
            throw;
        }
        catch (Exception e)
        {
            LogFailed(e);
            throw;
        }
    }

    [LoggerMessage(LogLevel.Debug, "Rerank invoked: {DocumentCount} documents.")]
    private partial void LogInvoked(int documentCount);

    [LoggerMessage(LogLevel.Trace, "Rerank invoked: query {Query}, documents {Documents}.")]
    private partial void LogInvokedSensitive(string query, string documents);

    [LoggerMessage(LogLevel.Debug, "Rerank completed: {ScoreCount} scores in {Milliseconds:0} ms.")]
    private partial void LogCompleted(int scoreCount, double milliseconds);

    [LoggerMessage(LogLevel.Trace, "Rerank completed in {Milliseconds:0} ms: scores {Scores}.")]
    private partial void LogCompletedSensitive(double milliseconds, string scores);

    [LoggerMessage(LogLevel.Debug, "Rerank canceled.")]
    private partial void LogCanceled();

    [LoggerMessage(LogLevel.Error, "Rerank failed.")]
    private partial void LogFailed(Exception error);
}
