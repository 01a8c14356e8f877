using Wenjin.Analysis;
using Wenjin.Errors;
using Wenjin.Text.Analysis;
using Xunit;

namespace Wenjin.Text.Tests.Analysis;

public sealed class AnalyzerRegistryTests
{
    [Fact]
    public void ResolvesTheChineseAnalyzerBySignature()
    {
        ITextAnalyzer analyzer = AnalyzerRegistry.Shared.Resolve(new AnalyzerSignature("wenjin-zh", 1));
        Assert.Same(ChineseAnalyzer.Shared, analyzer);
        Assert.Same(ChineseAnalyzer.Shared, AnalyzerRegistry.Shared.Default);
        Assert.Same(QueryAnalyzer.Shared, AnalyzerRegistry.Shared.ResolveQueryAnalyzer(ChineseAnalyzer.CurrentSignature));
    }

    [Theory]
    [InlineData("wenjin-zh", 0)]
    [InlineData("wenjin-zh", 2)]
    [InlineData("lucene-smartcn", 1)]
    public void UnknownSignatureMeansReindexNeeded(string name, int version)
    {
        var signature = new AnalyzerSignature(name, version);
        WenjinException error = Assert.Throws<WenjinException>(() => AnalyzerRegistry.Shared.Resolve(signature));
        Assert.Equal(WenjinErrorKind.ReindexNeeded, error.Kind);
        Assert.Contains(signature.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("wenjin-zh@1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Reindex needed", error.Message, StringComparison.Ordinal);
    }
}
