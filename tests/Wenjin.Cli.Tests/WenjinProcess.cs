using System.Diagnostics;
using System.Text;

namespace Wenjin.Cli.Tests;

/// <summary>Runs the real <c>wenjin</c> executable (the built wenjin.dll under <c>dotnet</c>) against a data directory.</summary>
internal static class WenjinProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "wenjin.dll");

    public static ProcessStartInfo StartInfo(string dataDir, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        info.ArgumentList.Add("--data");
        info.ArgumentList.Add(dataDir);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("WENJIN_DATA");
        return info;
    }

    public static Task<ProcessResult> RunAsync(string dataDir, params string[] args) => RunAsync(dataDir, new Dictionary<string, string>(), args);

    /// <summary>Runs with extra environment variables (e.g. Wenjin__Chat__BaseUrl).</summary>
    public static async Task<ProcessResult> RunAsync(string dataDir, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = StartInfo(dataDir, args);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
