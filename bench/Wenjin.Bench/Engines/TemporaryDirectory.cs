namespace Wenjin.Bench.Engines;

/// <summary>A fresh, uniquely named folder under the system temp folder, deleted with its contents on disposal.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix)
    {
        FullPath = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    /// <summary>Total size of all files below the folder.</summary>
    public long SizeInBytes()
    {
        var directory = new DirectoryInfo(FullPath);
        return directory.Exists ? directory.EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length) : 0;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(FullPath))
            {
                Directory.Delete(FullPath, recursive: true);
            }
        }
        catch (IOException exception)
        {
            // A leftover temp folder must not fail a finished benchmark; say where it is instead.
            Console.Error.WriteLine($"warning: could not delete {FullPath}: {exception.Message}");
        }
    }
}
