using System.Text.Json;

namespace Wenjin.Bench.Reporting;

/// <summary>
/// Locates, reads and writes the recorded Wenjin baseline. The default location is bench/baseline.json of the
/// checkout that contains the working directory (found by walking up to Wenjin.slnx), else of the one that contains
/// the program.
/// </summary>
internal static class BaselineFile
{
    private const string SolutionFile = "Wenjin.slnx";

    public static string DefaultPath()
    {
        string? root = FindCheckoutRoot(Environment.CurrentDirectory) ?? FindCheckoutRoot(AppContext.BaseDirectory);
        return Path.Combine(root ?? Environment.CurrentDirectory, "bench", "baseline.json");
    }

    /// <summary>The recorded baseline, or null when the file does not exist.</summary>
    public static BaselineRecord? TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BaselineRecord>(File.ReadAllText(path), BenchJson.Options);
        }
        catch (JsonException exception)
        {
            // A damaged baseline must not cost the run's numbers; it is reported and ignored.
            Console.Error.WriteLine($"warning: ignoring unreadable baseline {path}: {exception.Message}");
            return null;
        }
    }

    public static void Save(string path, BaselineRecord record) => BenchJson.Write(path, record);

    private static string? FindCheckoutRoot(string start)
    {
        for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
