using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Wenjin.Bench.Http;

/// <summary>
/// Wenjin.Server started as its own process on a loopback port over an existing data directory (the demo knowledge
/// base switched off), with accounts on (its default): the first administrator "admin" gets the password passed in
/// the environment variable Wenjin__Admin__Password, and the rate limit per user or API key is set explicitly
/// (Wenjin:RateLimits:RequestsPerMinute, 0 = off). Ready once <c>GET /</c> (the web UI, open to anyone) answers 200.
/// Stopping asks it to shut down (SIGTERM) and kills it after a grace period; it is also killed if this process exits
/// or is interrupted.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly DotnetProcess _process;
    private readonly EventHandler _onProcessExit;
    private bool _stopped;

    private ServerProcess(DotnetProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _onProcessExit = (_, _) => KillNow();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Process.Id;

    public bool HasExited => _process.Process.HasExited;

    public int ExitCode => _process.Process.ExitCode;

    /// <summary>
    /// Starts the server on <paramref name="port"/> (else a free one) over <paramref name="dataDirectory"/>; a data
    /// directory without users gets the administrator "admin" with <paramref name="adminPassword"/>.
    /// <paramref name="requestsPerMinute"/> is the rate limit per user or API key (0 switches it off).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string dataDirectory, int? port, string workFolder, string adminPassword, int requestsPerMinute, CancellationToken cancellationToken)
    {
        string dll = RepositoryPaths.ServerDll();
        int chosenPort = port ?? FreeLoopbackPort();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{chosenPort}/"));
        DotnetProcess process = DotnetProcess.Start(
            dll,
            [
                "--urls", baseAddress.ToString().TrimEnd('/'), "--Wenjin:Data", dataDirectory, "--Wenjin:Demo", "false",
                "--Wenjin:RateLimits:RequestsPerMinute", requestsPerMinute.ToString(CultureInfo.InvariantCulture),
            ],
            workFolder,
            Path.Combine(workFolder, "server.log"),
            new Dictionary<string, string> { ["Wenjin__Admin__Password"] = adminPassword });
        var server = new ServerProcess(process, baseAddress);
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The server's peak resident memory so far (VmHWM, Linux), or null where that is not available.</summary>
    public long? PeakResidentBytes()
    {
        try
        {
            string path = $"/proc/{ProcessId}/status";
            if (!File.Exists(path))
            {
                return null;
            }

            string? line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            string[]? fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: >= 2 } && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out long kilobytes) ? kilobytes * 1024 : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public string LogTail(int lines = 30) => _process.LogTail(lines);

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        if (!_stopped)
        {
            _stopped = true;
            await StopAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.Process.HasExited)
            {
                throw new HttpBenchException($"Wenjin.Server exited with code {_process.Process.ExitCode} before answering:\n{_process.LogTail()}");
            }

            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri("/", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Console.Error.WriteLine($"[http] Wenjin.Server (pid {ProcessId}) answers at {BaseAddress} after {clock.Elapsed.TotalSeconds:F1} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A request timed out while the server was still starting.
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new HttpBenchException($"Wenjin.Server did not answer GET / within {StartTimeout.TotalSeconds:F0} s:\n{_process.LogTail()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StopAsync()
    {
        Process process = _process.Process;
        if (process.HasExited)
        {
            return;
        }

        if (!OperatingSystem.IsWindows() && SendTerminate(process.Id))
        {
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"[http] Wenjin.Server did not stop within {StopGrace.TotalSeconds:F0} s; killing it");
            }
        }

        KillNow();
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void KillNow()
    {
        try
        {
            if (!_process.Process.HasExited)
            {
                _process.Process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Asks for a graceful shutdown with <c>kill -TERM</c> (ASP.NET Core stops on SIGTERM).</summary>
    private static bool SendTerminate(int processId)
    {
        try
        {
            using Process? kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", processId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            kill?.WaitForExit(5000);
            return kill is { HasExited: true, ExitCode: 0 };
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
