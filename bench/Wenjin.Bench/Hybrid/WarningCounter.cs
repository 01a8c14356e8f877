using Microsoft.Extensions.Logging;

namespace Wenjin.Bench.Hybrid;

/// <summary>
/// A logger factory for <c>KnowledgeBaseService.Open</c> that counts warnings (and worse) instead of writing them, and
/// keeps the first one's text. The service logs a warning exactly when it has to carry on without a model (e.g. a
/// question whose embedding failed is searched lexically), which a benchmark of fusion must not miss. Thread-safe.
/// </summary>
internal sealed class WarningCounter : ILoggerFactory
{
    private int _count;
    private string? _first;

    /// <summary>Warnings logged since the last <see cref="Reset"/>.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The first warning's message and exception, or null.</summary>
    public string? First => Volatile.Read(ref _first);

    public void Reset()
    {
        Volatile.Write(ref _count, 0);
        Volatile.Write(ref _first, null);
    }

    public ILogger CreateLogger(string categoryName) => new CountingLogger(this);

    /// <summary>Providers are not used: nothing is written anywhere.</summary>
    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Record(string message)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, message, null);
    }

    private sealed class CountingLogger(WarningCounter counter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                counter.Record(exception is null ? formatter(state, exception) : $"{formatter(state, exception)}: {exception.Message}");
            }
        }
    }
}
