namespace Wenjin.Bench.Engines;

/// <summary>The engines a run can compare, by command-line name, in the order they run (baseline first).</summary>
internal static class EngineCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["lucene", "wenjin"];

    public static IRetrievalEngine Create(string name) => name switch
    {
        "lucene" => new LuceneBaselineEngine(),
        "wenjin" => new WenjinEngine(),
        _ => throw new ArgumentException($"Unknown engine '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}
