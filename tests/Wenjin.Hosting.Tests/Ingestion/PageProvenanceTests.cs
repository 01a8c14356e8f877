using Wenjin.Storage.Sqlite;
using Wenjin.Text.Analysis;

namespace Wenjin.Hosting.Tests.Ingestion;

/// <summary>
/// Pages travel from the PDF parser to citations: a chunk whose paragraph crosses a page break keeps the break, so an
/// offset after it is on the next page. The fixture is the Parsing tests' two-page report, whose page 2 starts at
/// offset 239, inside the paragraph [133, 262).
/// </summary>
public sealed class PageProvenanceTests
{
    [Fact]
    public async Task AChunkCrossingAPageBreakKnowsThePageOfEveryOffset()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string pdf = Path.Combine(AppContext.BaseDirectory, "Fixtures", "report-zh.pdf");
        using (var service = KnowledgeBaseService.Open(temp.Combine("data")))
        {
            var summary = await service.IngestPathsAsync("pdf", [pdf], cancellationToken: ct);
            Assert.Equal(1, summary.Indexed);
        }

        using var store = SqliteKnowledgeStore.Open(temp.Combine("data", KnowledgeBaseService.DatabaseFileName));
        var query = QueryAnalyzer.Shared.Analyze("普惠金融贷款平均审批时间");
        var chunk = store.FindCandidates("pdf", query.Terms, 10).First(c => c.Text.Contains("普惠金融", StringComparison.Ordinal));

        Assert.Equal(1, chunk.Page);
        Assert.Contains(239, chunk.PageBreaks);
        Assert.Equal(1, chunk.PageAt(226));
        Assert.Equal(2, chunk.PageAt(240));
    }
}
