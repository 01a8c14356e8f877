using System.Diagnostics;
using System.Text;

namespace Wenjin.Bench.Processes;

/// <summary>
/// How the benchmark starts a built .NET program as a child process: <c>dotnet app.dll args…</c> with the dotnet host
/// that runs the benchmark, stdout and stderr redirected as UTF-8, and no inherited data directory or server URLs (the
/// arguments say everything).
/// </summary>
internal static class DotnetStartInfo
{
    public static ProcessStartInfo Create(string dll, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment.Remove("WENJIN_DATA");
        return startInfo;
    }

    /// <summary>The dotnet host running this benchmark when started as <c>dotnet Wenjin.Bench.dll</c>, else "dotnet" from PATH.</summary>
    private static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }
}
