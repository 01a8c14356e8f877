using System.Diagnostics;
using System.Text;
using Wenjin.Bench.Processes;

namespace Wenjin.Bench.Http;

/// <summary>
/// Starts a built .NET program (<c>dotnet app.dll args…</c>) with its stdout and stderr copied in large blocks into a
/// log file, so a chatty child never blocks on a full pipe and costs this process little; <see cref="LogTail"/> shows
/// the end of that log when something goes wrong.
/// </summary>
internal sealed class DotnetProcess : IDisposable
{
    private readonly Task _copyOutput;
    private readonly Task _copyError;
    private readonly FileStream _log;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private DotnetProcess(Process process, string logPath)
    {
        Process = process;
        LogPath = logPath;
        _log = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1 << 16, useAsync: true);
        _copyOutput = CopyAsync(process.StandardOutput.BaseStream, _log, _gate);
        _copyError = CopyAsync(process.StandardError.BaseStream, _log, _gate);
    }

    public Process Process { get; }

    public string LogPath { get; }

    /// <summary>Starts <c>dotnet DLL ARGUMENTS…</c>; <paramref name="environment"/> adds (or replaces) variables of its environment.</summary>
    public static DotnetProcess Start(string dll, IEnumerable<string> arguments, string workingDirectory, string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        ProcessStartInfo startInfo = DotnetStartInfo.Create(dll, arguments, workingDirectory);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        Process process = Process.Start(startInfo) ?? throw new HttpBenchException($"Could not start '{startInfo.FileName} {dll}'.");
        return new DotnetProcess(process, logPath);
    }

    /// <summary>Waits until the process has exited and its output is fully in the log.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await Process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_copyOutput, _copyError).ConfigureAwait(false);
        await _log.FlushAsync(cancellationToken).ConfigureAwait(false);
        return Process.ExitCode;
    }

    /// <summary>The last lines the process wrote (stdout and stderr interleaved by block).</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            _gate.Wait();
            try
            {
                _log.Flush();
            }
            finally
            {
                _gate.Release();
            }

            using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reader, Encoding.UTF8);
            string[] all = text.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join('\n', all.TakeLast(lines).Select(line => "  | " + line.TrimEnd('\r')));
        }
        catch (IOException exception)
        {
            return $"  (log {LogPath} unreadable: {exception.Message})";
        }
    }

    public void Dispose()
    {
        try
        {
            Task.WhenAll(_copyOutput, _copyError).Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The pipes of a killed process may end with an error; the log keeps what arrived.
        }

        _log.Dispose();
        _gate.Dispose();
        Process.Dispose();
    }

    private static async Task CopyAsync(Stream source, FileStream log, SemaphoreSlim gate)
    {
        byte[] buffer = new byte[1 << 16];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    await log.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (IOException)
        {
            // The child went away mid-write (killed); what arrived is in the log.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the child was still writing.
        }
    }
}
