using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Wenjin.Server.Tests.Hosting;

/// <summary>
/// Wenjin.Server as a separate OS process, the way a user runs it: <c>dotnet exec Wenjin.Server.dll --urls
/// http://127.0.0.1:PORT --Wenjin:Data DIR --Wenjin:Demo false …</c>, where the dll is the one this test project
/// references (built into the test's output folder together with its runtimeconfig and deps files). The dotnet host is
/// the one of the installation this test runs on. The first administrator's password is passed as the environment
/// variable Wenjin__Admin__Password. Standard output and error are captured in <see cref="Output"/> for assertion
/// messages. <see cref="Kill"/> is SIGKILL on Linux (no shutdown code runs); <see cref="Dispose"/> kills the process
/// if it still runs, whatever happened.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    /// <summary>How long a start may take before the test gives up (a guard against a hung start, not a measured time).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private bool _disposed;

    private ServerProcess(Process process, Uri baseAddress, string label)
    {
        _process = process;
        BaseAddress = baseAddress;
        Label = label;
    }

    /// <summary>Where the server listens: http://127.0.0.1:PORT/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A name for messages: the label given at start and the process id.</summary>
    public string Label { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far, one line each.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server on a free loopback port over <paramref name="dataDirectory"/> and waits until <c>GET /</c>
    /// answers 200. Extra <paramref name="settings"/> are configuration arguments ("--Wenjin:Key", "value"). A start
    /// whose port was taken by someone else in the meantime is retried on another port.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server exited or did not answer within <see cref="StartTimeout"/>; the message has its output.</exception>
    public static async Task<ServerProcess> StartAsync(string label, string dataDirectory, string adminPassword, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var server = Launch(label, dataDirectory, adminPassword, settings);
            try
            {
                await server.WaitUntilReadyAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && server.HasExited && server.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                server.Dispose();
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    /// <summary>Ends the process at once with SIGKILL (the whole process tree) and waits until it is gone.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Kill();
        _process.Dispose();
    }

    private static ServerProcess Launch(string label, string dataDirectory, string adminPassword, IReadOnlyList<string> settings)
    {
        int port = FreeLoopbackPort();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in HostArguments())
        {
            startInfo.ArgumentList.Add(argument);
        }

        string[] arguments =
        [
            "--urls", baseAddress.GetLeftPart(UriPartial.Authority), "--Wenjin:Data", dataDirectory, "--Wenjin:Demo", "false", .. settings,
        ];
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Nothing from the environment of the test run decides where this server listens or what it serves.
        foreach (string name in startInfo.Environment.Keys.Where(IsServerSetting).ToArray())
        {
            startInfo.Environment.Remove(name);
        }

        startInfo.Environment["Wenjin__Admin__Password"] = adminPassword;
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new ServerProcess(process, baseAddress, label);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data is null ? null : "[stderr] " + e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {startInfo.FileName} {string.Join(' ', startInfo.ArgumentList)}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private static bool IsServerSetting(string name) =>
        name.StartsWith("Wenjin__", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || name.Equals("WENJIN_DATA", StringComparison.OrdinalIgnoreCase)
        || name.Equals("DOTNET_URLS", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>exec Wenjin.Server.dll</c> with the server's own runtimeconfig and deps files when the build put them beside
    /// it (the SDK copies them for a referenced executable project), else with this test program's, which name the
    /// same shared frameworks (Microsoft.AspNetCore.App) and list Wenjin.Server.dll among the dependencies.
    /// </summary>
    private static List<string> HostArguments()
    {
        string folder = AppContext.BaseDirectory;
        string dll = Path.Combine(folder, "Wenjin.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: the test project must reference src/Wenjin.Server.");
        }

        var arguments = new List<string> { "exec" };
        if (!File.Exists(Path.Combine(folder, "Wenjin.Server.runtimeconfig.json")))
        {
            string self = Path.Combine(folder, typeof(ServerProcess).Assembly.GetName().Name!);
            arguments.AddRange(["--runtimeconfig", self + ".runtimeconfig.json", "--depsfile", self + ".deps.json"]);
        }

        arguments.Add(dll);
        return arguments;
    }

    /// <summary>
    /// The dotnet host of the installation whose runtime runs this test (the shared runtime lives in
    /// ROOT/shared/Microsoft.NETCore.App/VERSION/, the host in ROOT), else the one <c>dotnet test</c> names in
    /// DOTNET_HOST_PATH, else "dotnet" from PATH.
    /// </summary>
    private static string DotnetHost()
    {
        string executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        string root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        if (File.Exists(Path.Combine(root, executable)))
        {
            return Path.Combine(root, executable);
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : executable;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                _process.WaitForExit();
                throw new InvalidOperationException($"{Label} (pid {Id}) exited with code {_process.ExitCode} before answering GET /:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
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
                throw new InvalidOperationException($"{Label} (pid {Id}) did not answer GET / within {StartTimeout.TotalSeconds:F0} s:\n{Output}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
