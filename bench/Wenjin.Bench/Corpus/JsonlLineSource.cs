using System.Diagnostics;
using System.Text;

namespace Wenjin.Bench.Corpus;

/// <summary>
/// Streams the lines of a JSONL file. A ".xz" file is decompressed by piping it through the external <c>xz -dc</c>
/// process, so no compression library is needed; the process is ended if the caller stops reading early.
/// </summary>
internal static class JsonlLineSource
{
    public static IEnumerable<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"File not found: {path}", path);
        }

        return path.EndsWith(".xz", StringComparison.OrdinalIgnoreCase) ? ReadXzLines(path) : ReadPlainLines(path);
    }

    private static IEnumerable<string> ReadPlainLines(string path)
    {
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }

    private static IEnumerable<string> ReadXzLines(string path)
    {
        var startInfo = new ProcessStartInfo("xz")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add("-dc");
        startInfo.ArgumentList.Add(path);

        using Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start 'xz -dc'.");
        bool completed = false;
        try
        {
            // stderr is drained in the background so a chatty xz can never block on a full pipe.
            Task<string> errors = process.StandardError.ReadToEndAsync();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (line.Length > 0)
                {
                    yield return line;
                }
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'xz -dc {path}' failed ({process.ExitCode}): {errors.Result.Trim()}");
            }

            completed = true;
        }
        finally
        {
            if (!completed && !process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
