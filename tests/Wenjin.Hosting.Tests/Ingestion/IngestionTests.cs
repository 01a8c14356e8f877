using System.Text;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Ingestion;
using Wenjin.Search;
using Wenjin.Storage;
using Wenjin.Storage.Sqlite;

namespace Wenjin.Hosting.Tests.Ingestion;

public sealed class IngestionTests
{
    private const string Kb = "kb";

    [Fact]
    public async Task Folder_WithSeveralFormats_GetsRelativeSlashSourceIdsAndSkipsHiddenEntries()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        temp.Write("docs/.hidden.txt", "隐藏文件中的机密草稿内容，不应被索引。");
        temp.Write("docs/.drafts/secret.md", "# 草稿\n\n隐藏目录中的机密草稿内容，不应被索引。");
        temp.Write("docs/reports/.cache/tmp.txt", "缓存目录中的机密草稿内容，不应被索引。");
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var summary = await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);

        Assert.Equal(5, summary.Indexed);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(0, summary.Unchanged);
        var documents = await service.ListDocumentsAsync(Kb, ct);
        Assert.Equal(Corpus.SourceIds, documents.Select(d => d.SourceId).Order(StringComparer.Ordinal));
        Assert.All(documents, d => Assert.Equal(DocumentStatus.Indexed, d.Status));
        Assert.Equal("markdown", documents.Single(d => d.SourceId == Corpus.PolicyPath).Format);
        Assert.Equal("html", documents.Single(d => d.SourceId == Corpus.FaqPath).Format);
        Assert.Equal("text", documents.Single(d => d.SourceId == Corpus.ReportPath).Format);
        Assert.Equal("市图书馆延长开放时间", documents.Single(d => d.SourceId == "news-001").Title);
        Assert.Equal(summary.Chunks, documents.Sum(d => d.Chunks));

        var hidden = await service.SearchAsync(Kb, new SearchRequest("机密草稿"), ct);
        Assert.Empty(hidden.Hits);
    }

    [Fact]
    public async Task File_GivenDirectly_GetsItsFileNameAsSourceId()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        Corpus.WriteAll(temp);
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var summary = await service.IngestPathsAsync(Kb, [temp.Combine("docs", "reports", "2024", "annual.txt")], cancellationToken: ct);

        Assert.Equal(1, summary.Indexed);
        var document = Assert.Single(await service.ListDocumentsAsync(Kb, ct));
        Assert.Equal("annual.txt", document.SourceId);
    }

    [Fact]
    public async Task Reingesting_TheSameContent_ReportsUnchangedAndWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);
        var before = await service.ListDocumentsAsync(Kb, ct);
        var infoBefore = await service.GetAsync(Kb, ct);

        var summary = await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);

        Assert.Equal(0, summary.Indexed);
        Assert.Equal(5, summary.Unchanged);
        Assert.Equal(0, summary.Failed);
        Assert.Equal(0, summary.Chunks);
        Assert.Equal(0, summary.TextCharacters);
        Assert.Equal(before, await service.ListDocumentsAsync(Kb, ct));
        var infoAfter = await service.GetAsync(Kb, ct);
        Assert.Equal(infoBefore.DocumentCount, infoAfter.DocumentCount);
        Assert.Equal(infoBefore.ChunkCount, infoAfter.ChunkCount);
    }

    [Fact]
    public async Task ChangedFile_ReplacesItsOldVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);
        var oldReport = (await service.ListDocumentsAsync(Kb, ct)).Single(d => d.SourceId == Corpus.ReportPath);
        Assert.Contains((await service.SearchAsync(Kb, new SearchRequest("平均排队时间"), ct)).Hits, h => h.SourceId == Corpus.ReportPath && h.Text.Contains("排队", StringComparison.Ordinal));

        var revised = new StringBuilder("智算中心2025年度运行报告（修订版）\n\n");
        for (int i = 1; i <= 12; i++)
        {
            revised.Append(CultureInvariant($"第{i}节 液冷改造\n\n第{i}期液冷机柜改造于2025年{i}月完成验收，单柜功率密度提升至{40 + i}千瓦，冷却系统能耗下降{10 + i}%。改造期间业务未中断，运维团队完成巡检{100 + i}次。\n\n"));
        }

        temp.Write($"docs/{Corpus.ReportPath}", revised.ToString());

        var summary = await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);

        Assert.Equal(1, summary.Indexed);
        Assert.Equal(4, summary.Unchanged);
        var documents = await service.ListDocumentsAsync(Kb, ct);
        Assert.Equal(5, documents.Count);
        var newReport = documents.Single(d => d.SourceId == Corpus.ReportPath);
        Assert.NotEqual(oldReport.ContentHash, newReport.ContentHash);
        Assert.Equal(summary.Chunks, newReport.Chunks);
        Assert.True(newReport.Chunks > oldReport.Chunks, $"the revised report should have more chunks than {oldReport.Chunks}, has {newReport.Chunks}");
        var info = await service.GetAsync(Kb, ct);
        Assert.Equal(5, info.DocumentCount);
        Assert.Equal(documents.Sum(d => d.Chunks), info.ChunkCount);

        var stale = await service.SearchAsync(Kb, new SearchRequest("平均排队时间"), ct);
        Assert.DoesNotContain(stale.Hits, h => h.Text.Contains("排队", StringComparison.Ordinal) || h.SourceId == Corpus.ReportPath);
        Assert.DoesNotContain((await service.SearchAsync(Kb, new SearchRequest("千卡并行的有效算力"), ct)).Hits, h => h.SourceId == Corpus.ReportPath);
        var fresh = await service.SearchAsync(Kb, new SearchRequest("液冷机柜改造"), ct);
        Assert.NotEmpty(fresh.Hits);
        Assert.All(fresh.Hits, h => Assert.Equal(Corpus.ReportPath, h.SourceId));
    }

    [Fact]
    public async Task BadFiles_BecomeFailedDocumentsWithStage_WhileTheRestOfTheBatchIsIndexed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        temp.Write("docs/notes.xyz", "这是一个未知格式的文件。");
        temp.WriteBytes("docs/empty.txt", []);
        temp.WriteBytes("docs/scan.pdf", [.. "%PDF-1.7\n"u8, .. RandomBytes(4096, seed: 7)]);
        temp.WriteBytes("docs/blob.txt", RandomBytes(2048, seed: 11));
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var summary = await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);

        Assert.Equal(5, summary.Indexed);
        Assert.Equal(4, summary.Failed);
        var failures = summary.Failures.ToDictionary(f => f.SourceId);
        Assert.Equal(["blob.txt", "empty.txt", "notes.xyz", "scan.pdf"], failures.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("detect", failures["notes.xyz"].Stage);
        Assert.Contains(".xyz", failures["notes.xyz"].Error, StringComparison.Ordinal);
        Assert.Contains("not a supported format", failures["notes.xyz"].Error, StringComparison.Ordinal);
        Assert.Equal("read", failures["empty.txt"].Stage);
        Assert.Contains("empty", failures["empty.txt"].Error, StringComparison.Ordinal);
        Assert.Equal("parse", failures["scan.pdf"].Stage);
        Assert.Equal("detect", failures["blob.txt"].Stage);
        Assert.Contains("binary", failures["blob.txt"].Error, StringComparison.Ordinal);

        var documents = (await service.ListDocumentsAsync(Kb, ct)).ToDictionary(d => d.SourceId);
        Assert.Equal(9, documents.Count);
        foreach (var failure in summary.Failures)
        {
            var stored = documents[failure.SourceId];
            Assert.Equal(DocumentStatus.Failed, stored.Status);
            Assert.Equal(failure.Stage, stored.ErrorStage);
            Assert.Equal(failure.Error, stored.Error);
            Assert.Equal(0, stored.Chunks);
        }

        foreach (string sourceId in Corpus.SourceIds)
        {
            Assert.Equal(DocumentStatus.Indexed, documents[sourceId].Status);
            Assert.Null(documents[sourceId].Error);
        }

        var hit = Assert.Single((await service.SearchAsync(Kb, new SearchRequest("千卡并行的有效算力") { Top = 1 }, ct)).Hits);
        Assert.Equal(Corpus.ReportPath, hit.SourceId);
    }

    [Fact]
    public async Task ChangedFileThatNoLongerParses_KeepsTheIndexedVersionSearchable_UntilFixed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);
        temp.WriteBytes($"docs/{Corpus.ReportPath}", RandomBytes(1024, seed: 3));

        var broken = await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);

        Assert.Equal(1, broken.Failed);
        Assert.Equal(4, broken.Unchanged);
        var stored = (await service.ListDocumentsAsync(Kb, ct)).Single(d => d.SourceId == Corpus.ReportPath);
        Assert.Equal("detect", stored.ErrorStage);
        Assert.Contains((await service.SearchAsync(Kb, new SearchRequest("千卡并行的有效算力"), ct)).Hits, h => h.SourceId == Corpus.ReportPath);

        temp.Write($"docs/{Corpus.ReportPath}", Corpus.Report);
        var fixedRun = await service.IngestPathsAsync(Kb, [docs], cancellationToken: ct);

        Assert.Equal(0, fixedRun.Failed);
        Assert.Equal(5, fixedRun.Indexed + fixedRun.Unchanged);
        var restored = (await service.ListDocumentsAsync(Kb, ct)).Single(d => d.SourceId == Corpus.ReportPath);
        Assert.Equal(DocumentStatus.Indexed, restored.Status);
        Assert.Null(restored.Error);
        Assert.Null(restored.ErrorStage);
        Assert.Contains((await service.SearchAsync(Kb, new SearchRequest("千卡并行的有效算力"), ct)).Hits, h => h.SourceId == Corpus.ReportPath);
    }

    [Fact]
    public async Task Jsonl_WithBadLines_YieldsFailuresForThoseLinesAndDocumentsForTheOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        string jsonl = string.Join('\n',
            """{"id": "news-101", "title": "市民中心新增政务服务窗口", "text": "市民中心二楼新增12个综合受理窗口，企业开办时间压缩至1个工作日。"}""",
            """这一行不是JSON""",
            """{"title": "缺少编号的记录", "text": "没有编号的记录不能入库。"}""",
            """{"id": 102, "text": "全市新建公共充电桩3200个，重点覆盖老旧小区和高速服务区。"}""",
            """{"id": "news-103", "title": "缺少正文"}""");
        var source = new DocumentSource("uploads/news.jsonl", "news.jsonl", Encoding.UTF8.GetBytes(jsonl));

        var summary = await service.IngestAsync(Kb, [source], cancellationToken: ct);

        Assert.Equal(2, summary.Indexed);
        Assert.Equal(3, summary.Failed);
        Assert.Equal(
            ["uploads/news.jsonl#L2", "uploads/news.jsonl#L3", "uploads/news.jsonl#L5"],
            summary.Failures.Select(f => f.SourceId).Order(StringComparer.Ordinal));
        Assert.All(summary.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Error)));
        Assert.All(summary.Failures, f => Assert.Equal("read", f.Stage));
        Assert.Contains("id", summary.Failures.Single(f => f.SourceId.EndsWith("#L3", StringComparison.Ordinal)).Error, StringComparison.Ordinal);
        Assert.Contains("text", summary.Failures.Single(f => f.SourceId.EndsWith("#L5", StringComparison.Ordinal)).Error, StringComparison.Ordinal);

        var documents = await service.ListDocumentsAsync(Kb, ct);
        var indexed = documents.Where(d => d.Status == DocumentStatus.Indexed).ToArray();
        Assert.Equal(["102", "news-101"], indexed.Select(d => d.SourceId).Order(StringComparer.Ordinal));
        Assert.Equal("市民中心新增政务服务窗口", indexed.Single(d => d.SourceId == "news-101").Title);
        var hit = Assert.Single((await service.SearchAsync(Kb, new SearchRequest("公共充电桩") { Top = 1 }, ct)).Hits);
        Assert.Equal("102", hit.SourceId);
    }

    [Fact]
    public async Task MissingPath_FailsEarlyWithInvalidInput_AndWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        string missing = temp.Combine("no-such-folder");
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var error = await Assert.ThrowsAsync<WenjinException>(() => service.IngestPathsAsync(Kb, [docs, missing], cancellationToken: ct));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Empty(await service.ListAsync(ct));
        using var store = SqliteKnowledgeStore.Open(temp.Combine("data", KnowledgeBaseService.DatabaseFileName));
        Assert.Null(store.FindKnowledgeBase(Kb));
    }

    [Fact]
    public async Task MissingPath_IntoAnExistingKnowledgeBase_LeavesItsDocumentsAsTheyWere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        await service.IngestPathsAsync(Kb, [temp.Combine("docs", "faq.html")], cancellationToken: ct);
        var before = await service.ListDocumentsAsync(Kb, ct);

        var error = await Assert.ThrowsAsync<WenjinException>(() => service.IngestPathsAsync(Kb, [docs, temp.Combine("missing.md")], cancellationToken: ct));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Equal(before, await service.ListDocumentsAsync(Kb, ct));
    }

    [Fact]
    public async Task Progress_CountsUpToTheTotal_AndIsReportedAfterEachCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        temp.Write("docs/notes.xyz", "未知格式。");
        temp.WriteBytes("docs/empty.txt", []);
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        await service.IngestPathsAsync(Kb, [temp.Combine("docs", "faq.html")], cancellationToken: ct);
        using var observer = SqliteKnowledgeStore.Open(temp.Combine("data", KnowledgeBaseService.DatabaseFileName));
        var committed = new List<string>();
        var progress = new CommitCheckingProgress(observer, Kb, committed);

        var summary = await service.IngestPathsAsync(Kb, [docs], progress, ct);

        var reports = progress.Reports;
        int total = summary.Indexed + summary.Unchanged + summary.Failed;
        Assert.Equal(7, total);
        Assert.Equal(total, reports.Count);
        for (int i = 0; i < reports.Count; i++)
        {
            Assert.Equal(i + 1, reports[i].Done);
            Assert.True(reports[i].Total >= reports[i].Done, $"report {i}: total {reports[i].Total} < done {reports[i].Done}");
            Assert.True(i == 0 || reports[i].BytesDone >= reports[i - 1].BytesDone);
        }

        Assert.Equal(total, reports[^1].Done);
        Assert.Equal(total, reports[^1].Total);
        Assert.Equal(summary.Bytes, reports[^1].BytesDone);
        Assert.Equal(summary.Indexed, reports.Count(r => r.Outcome == IngestOutcome.Indexed));
        Assert.Equal(1, reports.Count(r => r.Outcome == IngestOutcome.Unchanged));
        Assert.Equal("faq.html", reports.Single(r => r.Outcome == IngestOutcome.Unchanged).SourceId);
        Assert.Equal(summary.Failed, reports.Count(r => r.Outcome == IngestOutcome.Failed));
        Assert.Equal(reports.Select(r => r.SourceId).Order(StringComparer.Ordinal), committed.Order(StringComparer.Ordinal));
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>On each report, checks through a second connection that the reported document is already committed.</summary>
    private sealed class CommitCheckingProgress(SqliteKnowledgeStore observer, string kb, List<string> committed) : IProgress<IngestProgress>
    {
        private readonly List<IngestProgress> _reports = [];

        public IReadOnlyList<IngestProgress> Reports => _reports;

        public void Report(IngestProgress value)
        {
            _reports.Add(value);
            var stored = observer.FindDocumentBySource(kb, value.SourceId);
            var expected = value.Outcome == IngestOutcome.Failed ? DocumentStatus.Failed : DocumentStatus.Indexed;
            if (stored?.Status == expected)
            {
                committed.Add(value.SourceId);
            }
        }
    }
}
