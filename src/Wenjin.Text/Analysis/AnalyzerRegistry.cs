using Wenjin.Analysis;

namespace Wenjin.Text.Analysis;

/// <summary>
/// The analyzers this build of Wenjin can run, by signature. A knowledge base records the signature its index was built
/// with; opening it resolves that signature here, and a signature this build does not have means the index must be
/// rebuilt (<see cref="WenjinErrorKind.ReindexNeeded"/>).
/// </summary>
public sealed class AnalyzerRegistry
{
    private static readonly Lazy<AnalyzerRegistry> SharedInstance = new(() => new AnalyzerRegistry([ChineseAnalyzer.Shared]), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IReadOnlyList<ITextAnalyzer> _analyzers;

    /// <summary>Registers <paramref name="analyzers"/>; the first is the default for new knowledge bases.</summary>
    public AnalyzerRegistry(IReadOnlyList<ITextAnalyzer> analyzers)
    {
        ArgumentNullException.ThrowIfNull(analyzers);
        if (analyzers.Count == 0)
        {
            throw new ArgumentException("At least one analyzer is required.", nameof(analyzers));
        }

        _analyzers = analyzers;
    }

    /// <summary>The registry of the built-in analyzers (today: <see cref="ChineseAnalyzer"/>).</summary>
    public static AnalyzerRegistry Shared => SharedInstance.Value;

    /// <summary>The analyzer new knowledge bases are built with.</summary>
    public ITextAnalyzer Default => _analyzers[0];

    public IReadOnlyList<AnalyzerSignature> Signatures => [.. _analyzers.Select(a => a.Signature)];

    /// <summary>
    /// The analyzer that wrote an index with <paramref name="signature"/>. Throws
    /// <see cref="WenjinErrorKind.ReindexNeeded"/> when this build has no analyzer with that exact name and version.
    /// </summary>
    public ITextAnalyzer Resolve(AnalyzerSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        foreach (ITextAnalyzer analyzer in _analyzers)
        {
            if (analyzer.Signature == signature)
            {
                return analyzer;
            }
        }

        throw new WenjinException(
            WenjinErrorKind.ReindexNeeded,
            $"Reindex needed: this knowledge base was indexed with analyzer {signature}; this Wenjin has {Default.Signature}. Delete it (wenjin kb delete NAME) and ingest its documents again.",
            "analyze");
    }

    /// <summary>A query analyzer over the analyzer resolved for <paramref name="signature"/>.</summary>
    public IQueryAnalyzer ResolveQueryAnalyzer(AnalyzerSignature signature)
    {
        ITextAnalyzer analyzer = Resolve(signature);
        return ReferenceEquals(analyzer, ChineseAnalyzer.Shared) ? QueryAnalyzer.Shared : new QueryAnalyzer(analyzer);
    }
}
