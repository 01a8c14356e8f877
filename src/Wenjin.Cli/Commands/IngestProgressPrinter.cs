using System.Diagnostics;
using Wenjin.Ingestion;

namespace Wenjin.Cli.Commands;

/// <summary>
/// Shows ingest progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain line at most every
/// two seconds (and for every failure), so logs of long ingests stay readable.
/// </summary>
internal sealed class IngestProgressPrinter : IProgress<IngestProgress>, IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _terminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private TimeSpan? _lastPrint;
    private IngestProgress? _last;
    private bool _barShown;

    public IngestProgressPrinter(TextWriter writer)
    {
        _writer = writer;
        _terminal = !Console.IsErrorRedirected;
    }

    public void Report(IngestProgress value)
    {
        lock (_gate)
        {
            _last = value;
            if (value.Outcome == IngestOutcome.Failed && !_terminal)
            {
                _writer.WriteLine($"[{value.Done}/{value.Total}] failed: {value.SourceId}");
            }

            var interval = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(2);
            if (_lastPrint is { } last && _clock.Elapsed - last < interval)
            {
                return;
            }

            _lastPrint = _clock.Elapsed;
            Print(value);
        }
    }

    /// <summary>Prints the final state and leaves the cursor on a fresh line.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_last is { } last)
            {
                Print(last);
                _last = null;
            }

            if (_barShown)
            {
                _writer.WriteLine();
                _barShown = false;
            }
        }
    }

    public void Dispose() => Finish();

    private void Print(IngestProgress value)
    {
        double seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        double mb = value.BytesDone / (1024.0 * 1024.0);
        string stats = $"{value.Done}/{value.Total} documents, {mb:0.0} MB, {mb / seconds:0.0} MB/s";
        if (_terminal)
        {
            const int Width = 30;
            int filled = value.Total == 0 ? 0 : (int)Math.Round(Width * (double)value.Done / value.Total);
            string bar = new string('#', filled) + new string('-', Width - filled);
            _writer.Write($"\r[{bar}] {stats}   ");
            _barShown = true;
        }
        else
        {
            _writer.WriteLine($"ingest: {stats}");
        }
    }
}
