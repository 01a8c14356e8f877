using Microsoft.Extensions.Logging;

namespace Wenjin.Hosting.Tests.Models;

/// <summary>The logger of <see cref="RecordingLoggerFactory"/>: records formatted messages (with any exception's message).</summary>
internal sealed class RecordingLogger(RecordingLoggerFactory factory) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= factory.Minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            factory.Add(logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception.Message));
        }
    }
}
