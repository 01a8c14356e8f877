using Wenjin.Analysis;
using Wenjin.Errors;
using Wenjin.Evaluation;
using Wenjin.Search;
using Wenjin.Storage.Sqlite;

namespace Wenjin.Hosting.Tests;

public sealed class KnowledgeBaseServiceTests
{
    [Fact]
    public async Task UnknownKnowledgeBase_IsNotFound_ForEveryReadingCall()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Path);
        await service.CreateAsync("known", "已有的知识库", ct);

        var search = await Assert.ThrowsAsync<WenjinException>(() => service.SearchAsync("missing", new SearchRequest("差旅费"), ct));
        var ask = await Assert.ThrowsAsync<WenjinException>(() => service.AskAsync("missing", "差旅费怎么报销？", ct));
        var docs = await Assert.ThrowsAsync<WenjinException>(() => service.ListDocumentsAsync("missing", ct));
        var get = await Assert.ThrowsAsync<WenjinException>(() => service.GetAsync("missing", ct));
        var eval = await Assert.ThrowsAsync<WenjinException>(() => service.EvaluateAsync("missing", [new QaItem("q1", "差旅费怎么报销？", null, null)], cancellationToken: ct));
        var delete = await Assert.ThrowsAsync<WenjinException>(() => service.DeleteAsync("missing", ct));
        var evidence = Assert.Throws<WenjinException>(() => service.GatherEvidence("missing", "差旅费怎么报销？"));

        Assert.All([search, ask, docs, get, eval, delete, evidence], e => Assert.Equal(WenjinErrorKind.NotFound, e.Kind));
        Assert.Contains("'missing'", search.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnowledgeBase_IndexedByAnotherAnalyzer_NeedsReindex()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        using (var store = SqliteKnowledgeStore.Open(temp.Combine("data", KnowledgeBaseService.DatabaseFileName)))
        {
            store.CreateKnowledgeBase("old", null, new AnalyzerSignature("other", 9));
        }

        using var service = KnowledgeBaseService.Open(temp.Combine("data"));

        var search = await Assert.ThrowsAsync<WenjinException>(() => service.SearchAsync("old", new SearchRequest("差旅费"), ct));
        var ask = await Assert.ThrowsAsync<WenjinException>(() => service.AskAsync("old", "差旅费怎么报销？", ct));
        var ingest = await Assert.ThrowsAsync<WenjinException>(() => service.IngestPathsAsync("old", [docs], cancellationToken: ct));
        var eval = await Assert.ThrowsAsync<WenjinException>(() => service.EvaluateAsync("old", [], cancellationToken: ct));

        Assert.All([search, ask, ingest, eval], e =>
        {
            Assert.Equal(WenjinErrorKind.ReindexNeeded, e.Kind);
            Assert.Contains("Reindex needed", e.Message, StringComparison.Ordinal);
            Assert.Contains("other@9", e.Message, StringComparison.Ordinal);
        });
        Assert.Equal(0, (await service.GetAsync("old", ct)).DocumentCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public async Task EmptyQueryOrQuestion_IsInvalidInput(string text)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var search = await Assert.ThrowsAsync<WenjinException>(() => kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest(text), ct));
        var ask = await Assert.ThrowsAsync<WenjinException>(() => kb.Service.AskAsync(TestKnowledgeBase.Name, text, ct));

        Assert.Equal(WenjinErrorKind.InvalidInput, search.Kind);
        Assert.Equal(WenjinErrorKind.InvalidInput, ask.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Top_OutOfRange_IsInvalidInput(int top)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var error = await Assert.ThrowsAsync<WenjinException>(() => kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("差旅费") { Top = top }, ct));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public async Task CreateListDelete_ManageKnowledgeBases()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Path);

        var created = await service.CreateAsync("policies", "公司制度", ct);
        var conflict = await Assert.ThrowsAsync<WenjinException>(() => service.CreateAsync("policies", null, ct));
        await service.CreateAsync("reports", null, ct);
        var listed = await service.ListAsync(ct);
        await service.DeleteAsync("policies", ct);

        Assert.Equal(service.Analyzer, created.Analyzer);
        Assert.Equal("公司制度", created.Description);
        Assert.Equal(WenjinErrorKind.Conflict, conflict.Kind);
        Assert.Equal(["policies", "reports"], listed.Select(k => k.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["reports"], (await service.ListAsync(ct)).Select(k => k.Name));
        Assert.Equal(WenjinErrorKind.NotFound, (await Assert.ThrowsAsync<WenjinException>(() => service.GetAsync("policies", ct))).Kind);
    }

    [Fact]
    public async Task Optimize_KeepsSearchResultsTheSame()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        var before = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("出差住宿费标准"), ct);

        kb.Service.Optimize();

        var after = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("出差住宿费标准"), ct);
        Assert.NotEmpty(before.Hits);
        Assert.Equal(before.Hits.Select(h => (h.ChunkId, h.Score)), after.Hits.Select(h => (h.ChunkId, h.Score)));
    }

    [Fact]
    public async Task Reopening_TheDataDirectory_KeepsTheIndex()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = Corpus.WriteAll(temp);
        using (var first = KnowledgeBaseService.Open(temp.Combine("data")))
        {
            await first.IngestPathsAsync("kb", [docs], cancellationToken: ct);
        }

        using var second = KnowledgeBaseService.Open(temp.Combine("data"));
        var result = await second.SearchAsync("kb", new SearchRequest("地铁5号线南延段") { Top = 1 }, ct);

        Assert.Equal("news-002", Assert.Single(result.Hits).SourceId);
    }
}
