namespace Wenjin.Bench.Http;

/// <summary>
/// Finds the built Wenjin executables the HTTP benchmark runs as separate processes: the checkout root is the folder
/// with Wenjin.slnx above the working directory, else above the benchmark program (as for bench/baseline.json).
/// </summary>
internal static class RepositoryPaths
{
    private const string SolutionFile = "Wenjin.slnx";

    private const string Cli = "src/Wenjin.Cli/bin/Release/net10.0/wenjin.dll";
    private const string Server = "src/Wenjin.Server/bin/Release/net10.0/Wenjin.Server.dll";

    public static string CliDll() => Built(Cli);

    public static string ServerDll() => Built(Server);

    /// <summary>Fails with one message naming every program still to build.</summary>
    public static void RequireBuilt()
    {
        string root = Root();
        string[] missing = [.. new[] { Cli, Server }.Where(path => !File.Exists(Path.Combine(root, path)))];
        if (missing.Length > 0)
        {
            throw new HttpBenchException(
                $"{string.Join(" and ", missing.Select(path => Path.Combine(root, path)))} missing; build first: "
                + string.Join(" && ", missing.Select(path => $"dotnet build {ProjectOf(path)} -c Release")));
        }
    }

    private static string Built(string relativePath)
    {
        string path = Path.Combine(Root(), relativePath);
        return File.Exists(path)
            ? path
            : throw new HttpBenchException($"{path} is missing; build it first: dotnet build {ProjectOf(relativePath)} -c Release");
    }

    private static string ProjectOf(string relativePath) => string.Join('/', relativePath.Split('/').Take(2));

    private static string Root() =>
        FindCheckoutRoot(Environment.CurrentDirectory) ?? FindCheckoutRoot(AppContext.BaseDirectory)
            ?? throw new HttpBenchException($"No Wenjin checkout ({SolutionFile}) above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; run the benchmark from the repository.");

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
