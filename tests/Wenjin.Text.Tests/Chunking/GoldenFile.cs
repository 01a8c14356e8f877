using System.Runtime.CompilerServices;
using Xunit;

namespace Wenjin.Text.Tests.Chunking;

/// <summary>
/// Compares output with a reviewed file under Golden/ next to this source file. With WENJIN_UPDATE_GOLDEN=1 the file
/// is rewritten instead (then review the diff by eye before committing).
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string sourceFile = "")
    {
        string path = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Golden", name + ".txt");
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("WENJIN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run the tests with WENJIN_UPDATE_GOLDEN=1 and review it.");
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Equal(expected, actual);
    }
}
