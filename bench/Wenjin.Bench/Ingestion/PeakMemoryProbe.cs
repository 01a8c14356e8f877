using System.Diagnostics;

namespace Wenjin.Bench.Ingestion;

/// <summary>
/// Reads the process's peak resident set (Process.PeakWorkingSet64, VmHWM on Linux). On Linux the peak can be reset
/// by writing "5" to /proc/self/clear_refs, so each engine's peak is its own; elsewhere the peak is cumulative.
/// </summary>
internal static class PeakMemoryProbe
{
    /// <summary>Resets the peak to the current resident set; false when the platform does not allow it.</summary>
    public static bool TryReset()
    {
        const string ClearRefs = "/proc/self/clear_refs";
        if (!OperatingSystem.IsLinux() || !File.Exists(ClearRefs))
        {
            return false;
        }

        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long PeakWorkingSetBytes()
    {
        using Process process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    public static long WorkingSetBytes()
    {
        using Process process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
