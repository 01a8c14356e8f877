namespace Wenjin.Analysis;

/// <summary>
/// Name and version of an analyzer, recorded with every knowledge base. An index may only be read by the analyzer
/// that wrote it: a different signature means "reindex needed".
/// </summary>
public sealed record AnalyzerSignature(string Name, int Version)
{
    public override string ToString() => $"{Name}@{Version}";
}
