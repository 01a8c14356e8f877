using System.Diagnostics;

namespace Wenjin.Bench.Http;

/// <summary>Fills a data directory the way a user would: <c>dotnet wenjin.dll --data DIR ingest --kb NAME FILE</c>.</summary>
internal static class CliIngest
{
    public static async Task<TimeSpan> RunAsync(string dataDirectory, string knowledgeBase, string path, string workFolder, CancellationToken cancellationToken)
    {
        string cli = RepositoryPaths.CliDll();
        var clock = Stopwatch.StartNew();
        using DotnetProcess process = DotnetProcess.Start(
            cli,
            ["--data", dataDirectory, "ingest", "--kb", knowledgeBase, path],
            workFolder,
            Path.Combine(workFolder, "ingest.log"));
        int exitCode;
        try
        {
            exitCode = await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Process.Kill(entireProcessTree: true);
            throw;
        }

        if (exitCode != 0)
        {
            throw new HttpBenchException($"'wenjin ingest' failed with exit code {exitCode}:\n{process.LogTail()}");
        }

        // The CLI's own summary ("documents: N indexed, …") is its last line.
        Console.Error.WriteLine($"[http] wenjin ingest: {process.LogTail(1).TrimStart(' ', '|')}");
        return clock.Elapsed;
    }
}
