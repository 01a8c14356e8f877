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

    public static async Task<ProcessResult> RunAsync(string dataDir, params string[] args)
    {
        using var process = Process.Start(StartInfo(dataDir, args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
