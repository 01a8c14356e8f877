using Microsoft.Extensions.Logging;

namespace Wenjin.Hosting.Tests.Models;

/// <summary>A logger factory that keeps every message at or above a level, to check what reaches the logs.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    public RecordingLoggerFactory(LogLevel minimum)
    {
        Minimum = minimum;
    }

    public LogLevel Minimum { get; }

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    internal void Add(LogLevel level, string message)
    {
        lock (_entries)
        {
            _entries.Add((level, message));
        }
    }
}
