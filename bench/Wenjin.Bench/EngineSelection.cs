using Wenjin.Bench.Engines;

namespace Wenjin.Bench;

/// <summary>Reads <c>--engines a,b</c> (default: every engine, baseline first) into catalog names.</summary>
internal static class EngineSelection
{
    public static IReadOnlyList<string> From(CommandLineOptions options)
    {
        if (options.Value("engines") is not { } list)
        {
            return EngineCatalog.Names;
        }

        string[] names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string name in names)
        {
            if (!EngineCatalog.Names.Contains(name.ToLowerInvariant()))
            {
                throw new FormatException($"Unknown engine '{name}'; expected one of: {string.Join(", ", EngineCatalog.Names)}.");
            }
        }

        // Catalog order, so the Lucene baseline always runs and prints first.
        return [.. EngineCatalog.Names.Where(name => names.Contains(name, StringComparer.OrdinalIgnoreCase))];
    }
}
