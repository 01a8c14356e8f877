using Wenjin.Analysis;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Storage;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>
/// The behaviour every <see cref="IKnowledgeStore"/> backend must have. A backend's test class inherits this class and
/// implements <see cref="CreateStore"/>; xunit runs every test below against it.
/// </summary>
public abstract class KnowledgeStoreConformanceTests : IDisposable
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 3);

    private IKnowledgeStore? _store;

    /// <summary>The store under test, opened on first use.</summary>
    protected IKnowledgeStore Store => _store ??= CreateStore();

    /// <summary>
    /// Opens a store over this test's storage. Every call within one test instance must reach the same data (a
    /// second call after the first store is disposed is how "reopen" is tested); different test instances must not
    /// share data.
    /// </summary>
    protected abstract IKnowledgeStore CreateStore();

    public virtual void Dispose()
    {
        _store?.Dispose();
        _store = null;
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void CreateKnowledgeBase_IsFoundAndListed()
    {
        KnowledgeBaseInfo created = Store.CreateKnowledgeBase("新闻", "中文新闻", Analyzer);
        Store.CreateKnowledgeBase("alpha", null, Analyzer);

        KnowledgeBaseInfo? found = Store.FindKnowledgeBase("新闻");

        Assert.NotNull(found);
        Assert.Equal("新闻", found.Name);
        Assert.Equal("中文新闻", found.Description);
        Assert.Equal(Analyzer, found.Analyzer);
        Assert.Equal(created.CreatedAt, found.CreatedAt);
        Assert.Equal(0, found.DocumentCount);
        Assert.Equal(0, found.ChunkCount);
        Assert.Equal(["alpha", "新闻"], Store.ListKnowledgeBases().Select(kb => kb.Name).Order(StringComparer.Ordinal));
        Assert.Null(Store.FindKnowledgeBase("missing"));
    }

    [Fact]
    public void CreateKnowledgeBase_WithTakenName_ThrowsConflict()
    {
        Store.CreateKnowledgeBase("docs", null, Analyzer);

        var error = Assert.Throws<WenjinException>(() => Store.CreateKnowledgeBase("docs", "again", Analyzer));

        Assert.Equal(WenjinErrorKind.Conflict, error.Kind);
        Assert.Single(Store.ListKnowledgeBases());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("semi;colon")]
    [InlineData("quote'")]
    [InlineData("问答!")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void CreateKnowledgeBase_WithBadName_ThrowsInvalidInputSayingWhatIsAllowed(string name)
    {
        var error = Assert.Throws<WenjinException>(() => Store.CreateKnowledgeBase(name, null, Analyzer));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Contains("letter", error.Message, StringComparison.Ordinal);
        Assert.Empty(Store.ListKnowledgeBases());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("新闻-2024_v1.0")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知识库知")]
    public void CreateKnowledgeBase_WithGoodName_Succeeds(string name)
    {
        Store.CreateKnowledgeBase(name, null, Analyzer);

        Assert.NotNull(Store.FindKnowledgeBase(name));
    }

    [Fact]
    public void UnknownKnowledgeBase_ThrowsNotFound()
    {
        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => Store.SaveDocument("nope", SampleDocuments.Create("a", null, "x"))).Kind);
        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => Store.SaveFailure("nope", new DocumentFailure("a", null, "bad", "parse"))).Kind);
        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => Store.ListDocuments("nope")).Kind);
        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => Store.FindCandidates("nope", Query("x"), 10)).Kind);
        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => Store.GetStatistics("nope", ["x"])).Kind);
        Assert.False(Store.DeleteKnowledgeBase("nope"));
    }

    [Fact]
    public void SaveDocument_StoresMetadataTextAndChunks()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentWrite write = SampleDocuments.Create("reports/2024.txt", "年度 报告", "营收 增长 92%", "员工 千卡 训练") with
        {
            Url = "https://example.com/r",
            Pages = 3,
            Bytes = 1234,
        };

        DocumentInfo saved = Store.SaveDocument("kb", write);

        Assert.Equal(DocumentStatus.Indexed, saved.Status);
        Assert.Matches("^[0-9a-f]{16}$", saved.Id);
        DocumentInfo? found = Store.FindDocumentBySource("kb", "reports/2024.txt");
        Assert.Equal(saved, found);
        Assert.Equal(saved, Store.GetDocument("kb", saved.Id));
        Assert.Equal("年度 报告", found!.Title);
        Assert.Equal("https://example.com/r", found.Url);
        Assert.Equal("text", found.Format);
        Assert.Equal("hash-reports/2024.txt", found.ContentHash);
        Assert.Equal(1234, found.Bytes);
        Assert.Equal(write.Text.Length, found.Characters);
        Assert.Equal(2, found.Chunks);
        Assert.Equal(3, found.Pages);
        Assert.Null(found.Error);
        Assert.Equal(write.Text, Store.GetDocumentText("kb", saved.Id));
        Assert.Equal([saved], Store.ListDocuments("kb"));
        KnowledgeBaseInfo kb = Store.FindKnowledgeBase("kb")!;
        Assert.Equal(1, kb.DocumentCount);
        Assert.Equal(2, kb.ChunkCount);
        Assert.Null(Store.FindDocumentBySource("kb", "other"));
        Assert.Null(Store.GetDocument("kb", "0000000000000000"));
        Assert.Null(Store.GetDocumentText("kb", "0000000000000000"));
    }

    [Fact]
    public void DocumentIds_AreStablePerSourceAndDistinctAcrossKnowledgeBases()
    {
        Store.CreateKnowledgeBase("a", null, Analyzer);
        Store.CreateKnowledgeBase("b", null, Analyzer);

        string first = Store.SaveDocument("a", SampleDocuments.Create("s", null, "one")).Id;
        string again = Store.SaveDocument("a", SampleDocuments.Create("s", null, "two")).Id;
        string other = Store.SaveDocument("b", SampleDocuments.Create("s", null, "one")).Id;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Null(Store.GetDocument("b", first));
    }

    [Fact]
    public void SaveDocument_ReplacesEarlierVersion_LeavingNoOldChunksFindable()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("doc", "旧 标题", "旧 内容 一", "旧 内容 二", "旧 内容 三"));

        DocumentInfo replaced = Store.SaveDocument("kb", SampleDocuments.CreateWithHash("doc", "新 标题", "hash-2", "新 内容"));

        Assert.Empty(Store.FindCandidates("kb", Query("旧"), 10));
        ChunkCandidate hit = Assert.Single(Store.FindCandidates("kb", Query("新"), 10));
        Assert.Equal(replaced.Id, hit.DocId);
        Assert.Equal("新 内容", hit.Text);
        Assert.Equal(1, replaced.Chunks);
        Assert.Equal("hash-2", Store.FindDocumentBySource("kb", "doc")!.ContentHash);
        KnowledgeBaseInfo kb = Store.FindKnowledgeBase("kb")!;
        Assert.Equal(1, kb.DocumentCount);
        Assert.Equal(1, kb.ChunkCount);
        IndexStatistics statistics = Store.GetStatistics("kb", ["旧", "内容"]);
        Assert.Equal(1, statistics.ChunkCount);
        Assert.Equal(0, statistics.DocumentFrequency["旧"]);
        Assert.Equal(1, statistics.DocumentFrequency["内容"]);
    }

    [Fact]
    public void SaveFailure_WithoutIndexedVersion_RecordsFailedDocument()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);

        DocumentInfo failed = Store.SaveFailure("kb", new DocumentFailure("broken.pdf", "abc", "not a PDF", "parse") { Format = "pdf", Bytes = 99 });

        Assert.Equal(DocumentStatus.Failed, failed.Status);
        Assert.Equal("broken.pdf", failed.SourceId);
        Assert.Equal("not a PDF", failed.Error);
        Assert.Equal("parse", failed.ErrorStage);
        Assert.Equal("pdf", failed.Format);
        Assert.Equal("abc", failed.ContentHash);
        Assert.Equal(99, failed.Bytes);
        Assert.Equal(0, failed.Chunks);
        Assert.Equal(failed, Store.FindDocumentBySource("kb", "broken.pdf"));
        Assert.Null(Store.GetDocumentText("kb", failed.Id));
        Assert.Equal(1, Store.FindKnowledgeBase("kb")!.DocumentCount);
        Assert.Equal(0, Store.FindKnowledgeBase("kb")!.ChunkCount);
    }

    [Fact]
    public void SaveFailure_ReplacesEarlierFailure_AndSaveDocumentReplacesFailure()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveFailure("kb", new DocumentFailure("f.docx", "h1", "first error", "read"));

        DocumentInfo second = Store.SaveFailure("kb", new DocumentFailure("f.docx", "h2", "second error", "parse"));

        Assert.Equal("second error", second.Error);
        Assert.Equal("parse", second.ErrorStage);
        Assert.Equal("h2", second.ContentHash);
        Assert.Single(Store.ListDocuments("kb"));

        DocumentInfo indexed = Store.SaveDocument("kb", SampleDocuments.Create("f.docx", null, "修好 了"));

        Assert.Equal(DocumentStatus.Indexed, indexed.Status);
        Assert.Null(Store.FindDocumentBySource("kb", "f.docx")!.Error);
        Assert.Null(Store.FindDocumentBySource("kb", "f.docx")!.ErrorStage);
        Assert.Single(Store.FindCandidates("kb", Query("修好"), 10));
        Assert.Equal(1, Store.FindKnowledgeBase("kb")!.DocumentCount);
    }

    [Fact]
    public void SaveFailure_WithIndexedVersion_KeepsItSearchableAndAttachesTheFailure()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentInfo indexed = Store.SaveDocument("kb", SampleDocuments.CreateWithHash("a.md", "标题", "hash-v1", "仍然 可以 搜索"));

        DocumentInfo afterFailure = Store.SaveFailure("kb", new DocumentFailure("a.md", "hash-v2", "too large", "read"));

        Assert.Equal(DocumentStatus.Indexed, afterFailure.Status);
        Assert.Equal("too large", afterFailure.Error);
        Assert.Equal("read", afterFailure.ErrorStage);
        Assert.Equal("hash-v1", afterFailure.ContentHash);
        Assert.Equal(indexed.Id, afterFailure.Id);
        Assert.Equal(1, afterFailure.Chunks);
        Assert.Single(Store.FindCandidates("kb", Query("搜索"), 10));
        Assert.Equal("仍然 可以 搜索", Store.GetDocumentText("kb", indexed.Id));
        Assert.Equal(afterFailure, Store.FindDocumentBySource("kb", "a.md"));
        Assert.Equal(1, Store.FindKnowledgeBase("kb")!.DocumentCount);
        Assert.Equal(1, Store.FindKnowledgeBase("kb")!.ChunkCount);
    }

    [Fact]
    public void FindCandidates_MatchesTermsInEveryFieldAndReturnsAllChunkFields()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        var chunk = new Chunk(4, "正文 内容 body", 10, 20) { Page = 7, HeadingPath = ["第一章", "1.1 背景"] };
        DocumentWrite write = new("src", "h", "0123456789正文 内容 body", [new IndexedChunk(chunk, ["第一章", "背景"], ["正文", "内容", "body"])])
        {
            Title = "标题 Title",
            TitleTerms = ["标题", "title"],
            Format = "markdown",
        };
        DocumentInfo saved = Store.SaveDocument("kb", write);

        foreach (string term in new[] { "标题", "背景", "正文" })
        {
            ChunkCandidate hit = Assert.Single(Store.FindCandidates("kb", Query(term), 10));
            Assert.Equal($"{saved.Id}-4", hit.ChunkId);
            Assert.Equal(saved.Id, hit.DocId);
            Assert.Equal("src", hit.SourceId);
            Assert.Equal("正文 内容 body", hit.Text);
            Assert.Equal(10, hit.Start);
            Assert.Equal(20, hit.End);
            Assert.Equal("标题 Title", hit.Title);
            Assert.Equal(7, hit.Page);
            Assert.Equal(["第一章", "1.1 背景"], hit.HeadingPath);
            Assert.Equal(["标题", "title"], hit.TitleTerms);
            Assert.Equal(["第一章", "背景"], hit.HeadingTerms);
            Assert.Equal(["正文", "内容", "body"], hit.BodyTerms);
            Assert.True(hit.StoreScore > 0);
        }
    }

    [Fact]
    public void FindCandidates_RanksTitleMatchAboveBodyMatchOfSameTerm()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("body", "其他 标题", "模型 发布 会议 纪要"));
        Store.SaveDocument("kb", SampleDocuments.Create("title", "模型 标题", "其他 发布 会议 纪要"));
        Store.SaveDocument("kb", SampleDocuments.Create("none", "无关 标题", "无关 发布 会议 纪要"));
        Store.SaveDocument("kb", SampleDocuments.Create("none2", "无关 标题", "无关 发布 会议 纪要"));

        IReadOnlyList<ChunkCandidate> hits = Store.FindCandidates("kb", Query("模型"), 10);

        Assert.Equal(["title", "body"], hits.Select(hit => hit.SourceId));
        Assert.True(hits[0].StoreScore > hits[1].StoreScore);
    }

    [Fact]
    public void FindCandidates_RanksChunksMatchingMoreTermsFirstAndHonoursLimit()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("one", null, "苹果 香蕉 西瓜 葡萄"));
        Store.SaveDocument("kb", SampleDocuments.Create("two", null, "苹果 梨子 西瓜 葡萄"));
        Store.SaveDocument("kb", SampleDocuments.Create("three", null, "橘子 梨子 芒果 葡萄"));
        Store.SaveDocument("kb", SampleDocuments.Create("four", null, "橘子 梨子 芒果 桃子"));

        IReadOnlyList<ChunkCandidate> all = Store.FindCandidates("kb", Query("苹果", "香蕉"), 10);
        IReadOnlyList<ChunkCandidate> top = Store.FindCandidates("kb", Query("苹果", "香蕉"), 1);

        Assert.Equal(["one", "two"], all.Select(hit => hit.SourceId));
        Assert.Equal(["one"], top.Select(hit => hit.SourceId));
        Assert.Empty(Store.FindCandidates("kb", [], 10));
        Assert.Empty(Store.FindCandidates("kb", Query("苹果"), 0));
        Assert.Empty(Store.FindCandidates("kb", Query("不存在"), 10));
    }

    [Fact]
    public void FindCandidates_ReturnsEachChunksPageBreaks()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        var write = SampleDocuments.Create("report.pdf", null, "第一页 内容 跨页 段落", "第二页 结尾");
        var chunks = write.Chunks.ToArray();
        chunks[0] = chunks[0] with { Chunk = chunks[0].Chunk with { Page = 1, PageBreaks = [4, 9] } };
        chunks[1] = chunks[1] with { Chunk = chunks[1].Chunk with { Page = 3 } };
        Store.SaveDocument("kb", write with { Chunks = chunks, Pages = 3 });

        var spanning = Assert.Single(Store.FindCandidates("kb", Query("跨页"), 10));
        var last = Assert.Single(Store.FindCandidates("kb", Query("结尾"), 10));

        Assert.Equal([4, 9], spanning.PageBreaks);
        Assert.Equal(1, spanning.PageAt(0));
        Assert.Equal(2, spanning.PageAt(4));
        Assert.Equal(3, spanning.PageAt(10));
        Assert.Empty(last.PageBreaks);
        Assert.Equal(3, last.PageAt(last.Start));
    }

    [Fact]
    public void FindCandidates_GivenStatisticsFindsTheSameChunks()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("one", null, "苹果 香蕉 西瓜 葡萄"));
        Store.SaveDocument("kb", SampleDocuments.Create("two", null, "苹果 梨子 西瓜 葡萄"));
        Store.SaveDocument("kb", SampleDocuments.Create("three", null, "橘子 梨子 芒果 葡萄"));
        Store.SaveDocument("kb", SampleDocuments.Create("four", null, "橘子 芒果 桃子"));
        Store.SaveDocument("kb", SampleDocuments.Create("five", null, "芒果 桃子 李子"));
        var query = Query("苹果", "梨子", "不存在");
        IndexStatistics statistics = Store.GetStatistics("kb", query.Select(t => t.Term).ToArray());

        var without = Store.FindCandidates("kb", query, 10).Select(hit => hit.SourceId).ToArray();
        var with = Store.FindCandidates("kb", query, 10, statistics).Select(hit => hit.SourceId).ToArray();

        Assert.Equal(["one", "three", "two"], without.Order().ToArray());
        Assert.Equal(without, with);
    }

    [Theory]
    [InlineData("92%", "92")]
    [InlineData("c#", "c")]
    [InlineData("gpt-4", "gpt")]
    [InlineData("qwen2.5", "qwen2")]
    [InlineData("千卡", "千")]
    [InlineData("a\"b", "a")]
    [InlineData("it's", "it")]
    [InlineData("c++", "c")]
    [InlineData("(x)", "x")]
    [InlineData("and", "or")]
    [InlineData("near", "not")]
    [InlineData("title:x", "x")]
    [InlineData("*", "^")]
    public void FindCandidates_TreatsTermsWithSpecialCharactersAsExactTerms(string term, string nearMiss)
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("exact", null, $"前 {term} 后"));
        Store.SaveDocument("kb", SampleDocuments.Create("miss", null, $"前 {nearMiss} 后"));
        Store.SaveDocument("kb", SampleDocuments.Create("filler", null, "无关 文本"));

        ChunkCandidate hit = Assert.Single(Store.FindCandidates("kb", Query(term), 10));

        Assert.Equal("exact", hit.SourceId);
        Assert.Equal(["前", term, "后"], hit.BodyTerms);
        Assert.Equal(1, Store.GetStatistics("kb", [term]).DocumentFrequency[term]);
    }

    [Fact]
    public void FindCandidates_NeverReturnsAnotherKnowledgeBasesChunks()
    {
        Store.CreateKnowledgeBase("a", null, Analyzer);
        Store.CreateKnowledgeBase("b", null, Analyzer);
        Store.SaveDocument("a", SampleDocuments.Create("doc-a", null, "共享 词语 甲"));
        Store.SaveDocument("b", SampleDocuments.Create("doc-b", null, "共享 词语 乙"));
        Store.SaveDocument("b", SampleDocuments.Create("doc-b2", null, "共享 词语 丙"));

        Assert.Equal(["doc-a"], Store.FindCandidates("a", Query("共享"), 10).Select(hit => hit.SourceId));
        Assert.Equal(["doc-b", "doc-b2"], Store.FindCandidates("b", Query("共享"), 10).Select(hit => hit.SourceId).Order(StringComparer.Ordinal));
        Assert.Empty(Store.FindCandidates("a", Query("乙"), 10));
        Assert.Equal(1, Store.GetStatistics("a", ["共享"]).DocumentFrequency["共享"]);
        Assert.Equal(2, Store.GetStatistics("b", ["共享"]).DocumentFrequency["共享"]);
        Assert.Equal(["doc-a"], Store.ListDocuments("a").Select(document => document.SourceId));
    }

    [Fact]
    public void GetStatistics_ReportsChunkCountAverageLengthsAndDocumentFrequencies()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        var withHeading = new IndexedChunk(new Chunk(1, "c d e f", 0, 7) { HeadingPath = ["h"] }, ["h", "i", "j"], ["c", "d", "e", "f"]);
        var plain = new IndexedChunk(new Chunk(0, "a b", 0, 3), [], ["a", "b"]);
        Store.SaveDocument("kb", new DocumentWrite("one", "h1", "a b\nc d e f", [plain, withHeading]) { Format = "text", TitleTerms = ["t", "u"] });
        Store.SaveDocument("kb", SampleDocuments.Create("two", null, "a a a c c c"));

        IndexStatistics statistics = Store.GetStatistics("kb", ["a", "c", "h", "t", "missing", "A"]);

        Assert.Equal(3, statistics.ChunkCount);
        Assert.Equal((2 + 4 + 6) / 3.0, statistics.AverageBodyLength, 9);
        Assert.Equal(3 / 3.0, statistics.AverageHeadingLength, 9);
        Assert.Equal((2 + 2) / 3.0, statistics.AverageTitleLength, 9);
        Assert.Equal(2, statistics.DocumentFrequency["a"]);
        Assert.Equal(2, statistics.DocumentFrequency["c"]);
        Assert.Equal(1, statistics.DocumentFrequency["h"]);
        Assert.Equal(2, statistics.DocumentFrequency["t"]);
        Assert.Equal(0, statistics.DocumentFrequency["missing"]);
        Assert.Equal(2, statistics.DocumentFrequency["A"]);
    }

    [Fact]
    public void GetStatistics_ForEmptyKnowledgeBase_IsAllZero()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);

        IndexStatistics statistics = Store.GetStatistics("kb", ["x"]);

        Assert.Equal(0, statistics.ChunkCount);
        Assert.Equal(0, statistics.AverageBodyLength);
        Assert.Equal(0, statistics.AverageHeadingLength);
        Assert.Equal(0, statistics.AverageTitleLength);
        Assert.Equal(0, statistics.DocumentFrequency["x"]);
    }

    [Fact]
    public void DeleteDocument_RemovesItsChunksFromSearchAndStatistics()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentInfo gone = Store.SaveDocument("kb", SampleDocuments.Create("gone", null, "删除 我", "删除 它"));
        Store.SaveDocument("kb", SampleDocuments.Create("kept", null, "保留 我"));

        Assert.True(Store.DeleteDocument("kb", gone.Id));

        Assert.False(Store.DeleteDocument("kb", gone.Id));
        Assert.Empty(Store.FindCandidates("kb", Query("删除"), 10));
        Assert.Equal(["kept"], Store.FindCandidates("kb", Query("我"), 10).Select(hit => hit.SourceId));
        Assert.Null(Store.GetDocument("kb", gone.Id));
        Assert.Null(Store.GetDocumentText("kb", gone.Id));
        IndexStatistics statistics = Store.GetStatistics("kb", ["我", "删除"]);
        Assert.Equal(1, statistics.ChunkCount);
        Assert.Equal(2, statistics.AverageBodyLength, 9);
        Assert.Equal(1, statistics.DocumentFrequency["我"]);
        Assert.Equal(0, statistics.DocumentFrequency["删除"]);
        KnowledgeBaseInfo kb = Store.FindKnowledgeBase("kb")!;
        Assert.Equal(1, kb.DocumentCount);
        Assert.Equal(1, kb.ChunkCount);
    }

    [Fact]
    public void DeleteDocument_OfAnotherKnowledgeBase_DoesNothing()
    {
        Store.CreateKnowledgeBase("a", null, Analyzer);
        Store.CreateKnowledgeBase("b", null, Analyzer);
        DocumentInfo inA = Store.SaveDocument("a", SampleDocuments.Create("doc", null, "词"));

        Assert.False(Store.DeleteDocument("b", inA.Id));

        Assert.Single(Store.FindCandidates("a", Query("词"), 10));
    }

    [Fact]
    public void DeleteKnowledgeBase_RemovesEverythingInIt()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.CreateKnowledgeBase("other", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("doc", null, "词语 一", "词语 二"));
        Store.SaveFailure("kb", new DocumentFailure("bad", null, "error", "parse"));
        Store.SaveDocument("other", SampleDocuments.Create("doc", null, "词语 三"));

        Assert.True(Store.DeleteKnowledgeBase("kb"));

        Assert.False(Store.DeleteKnowledgeBase("kb"));
        Assert.Null(Store.FindKnowledgeBase("kb"));
        Assert.Equal(["other"], Store.ListKnowledgeBases().Select(kb => kb.Name));
        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => Store.FindCandidates("kb", Query("词语"), 10)).Kind);
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Assert.Empty(Store.FindCandidates("kb", Query("词语"), 10));
        Assert.Empty(Store.ListDocuments("kb"));
        Assert.Equal(0, Store.GetStatistics("kb", ["词语"]).DocumentFrequency["词语"]);
        Assert.Single(Store.FindCandidates("other", Query("词语"), 10));
    }

    [Fact]
    public void Reopening_KeepsEverything()
    {
        KnowledgeBaseInfo created = Store.CreateKnowledgeBase("kb", "描述", Analyzer);
        DocumentInfo saved = Store.SaveDocument("kb", SampleDocuments.Create("doc", "标题", "持久 数据", "第二 块"));
        DocumentInfo failed = Store.SaveFailure("kb", new DocumentFailure("bad", "h", "error", "parse"));
        IndexStatistics before = Store.GetStatistics("kb", ["持久"]);
        _store!.Dispose();

        using IKnowledgeStore reopened = CreateStore();

        Assert.Equal(created with { DocumentCount = 2, ChunkCount = 2 }, reopened.FindKnowledgeBase("kb"));
        Assert.Equal([failed, saved], reopened.ListDocuments("kb"));
        Assert.Equal("持久 数据\n第二 块", reopened.GetDocumentText("kb", saved.Id));
        Assert.Equal("doc", Assert.Single(reopened.FindCandidates("kb", Query("持久"), 10)).SourceId);
        IndexStatistics after = reopened.GetStatistics("kb", ["持久"]);
        Assert.Equal(before.ChunkCount, after.ChunkCount);
        Assert.Equal(before.AverageBodyLength, after.AverageBodyLength);
        Assert.Equal(before.AverageTitleLength, after.AverageTitleLength);
        Assert.Equal(before.DocumentFrequency["持久"], after.DocumentFrequency["持久"]);
    }

    protected static IReadOnlyList<QueryTerm> Query(params string[] terms) =>
        terms.Select((term, index) => new QueryTerm(term, 1, index)).ToList();

    [Fact]
    public void ListChunks_ReturnsEverySpanInOrdinalOrderWithPagesHeadingsAndBreaks()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        const string text = "第一章\n第一页 内容 跨页 段落\n第三页 表格";
        var first = new IndexedChunk(new Chunk(0, "第一页 内容 跨页 段落", 4, 16) { Page = 1, PageBreaks = [8, 11], HeadingPath = ["第一章", "第一节"] }, ["第一章", "第一节"], SampleDocuments.Terms("第一页 内容 跨页 段落"));
        var second = new IndexedChunk(new Chunk(1, "第三页 表格", 17, 23) { Page = 3, IsTable = true }, [], SampleDocuments.Terms("第三页 表格"));
        // Written out of order: the list is by ordinal, not by insertion.
        DocumentInfo saved = Store.SaveDocument("kb", new DocumentWrite("report.pdf", "h", text, [second, first]) { Format = "pdf", Pages = 3 });

        IReadOnlyList<ChunkSpan> chunks = Store.ListChunks("kb", saved.Id);

        Assert.Equal([0, 1], chunks.Select(c => c.Ordinal));
        Assert.Equal([(4, 16), (17, 23)], chunks.Select(c => (c.Start, c.End)));
        Assert.Equal([1, 3], chunks.Select(c => c.Page));
        Assert.Equal([8, 11], chunks[0].PageBreaks);
        Assert.Empty(chunks[1].PageBreaks);
        Assert.Equal(["第一章", "第一节"], chunks[0].HeadingPath);
        Assert.Empty(chunks[1].HeadingPath);
        Assert.Equal("第一页 内容 跨页 段落", text[chunks[0].Start..chunks[0].End]);
        Assert.Equal(2, chunks.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ListChunks_IdsAreTheChunkIdsSearchReturns()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentInfo saved = Store.SaveDocument("kb", SampleDocuments.Create("doc", null, "苹果 香蕉", "西瓜 葡萄", "芒果 李子"));

        IReadOnlyList<ChunkSpan> chunks = Store.ListChunks("kb", saved.Id);
        var hits = Store.FindCandidates("kb", Query("苹果", "西瓜", "芒果"), 10);

        Assert.Equal(3, chunks.Count);
        Assert.Equal(3, hits.Count);
        foreach (var hit in hits)
        {
            ChunkSpan span = Assert.Single(chunks, c => c.Id == hit.ChunkId);
            Assert.Equal((hit.Start, hit.End), (span.Start, span.End));
        }

        Assert.All(chunks, c => Assert.Null(c.Page));
    }

    [Fact]
    public void ListChunks_ForUnknownFailedOrOtherKnowledgeBasesDocuments_IsEmpty()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.CreateKnowledgeBase("other", null, Analyzer);
        DocumentInfo inOther = Store.SaveDocument("other", SampleDocuments.Create("doc", null, "别的 库"));
        DocumentInfo failed = Store.SaveFailure("kb", new DocumentFailure("bad", null, "error", "parse"));

        Assert.Empty(Store.ListChunks("kb", "0000000000000000"));
        Assert.Empty(Store.ListChunks("kb", failed.Id));
        Assert.Empty(Store.ListChunks("kb", inOther.Id));
        Assert.Single(Store.ListChunks("other", inOther.Id));
        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => Store.ListChunks("missing", inOther.Id)).Kind);
    }

    [Fact]
    public void GetCandidates_ReturnsChunksByKey_InTheGivenOrder_SkippingKeysThatAreGoneOrElsewhere()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.CreateKnowledgeBase("other", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("a.txt", "甲文", "共同 一段", "共同 二段"));
        Store.SaveDocument("other", SampleDocuments.Create("o.txt", null, "共同 别处"));
        var found = Store.FindCandidates("kb", Query("共同"), 10).OrderBy(c => c.ChunkId, StringComparer.Ordinal).ToArray();
        long elsewhere = Store.FindCandidates("other", Query("共同"), 10)[0].Key;

        var candidates = Store.GetCandidates("kb", [found[1].Key, elsewhere, 999_999, found[0].Key]);

        Assert.Equal(["共同 二段", "共同 一段"], candidates.Select(c => c.Text));
        Assert.Equal([found[1].Key, found[0].Key], candidates.Select(c => c.Key));
        Assert.Equal("甲文", candidates[0].Title);
        Assert.Equal(found[1].BodyTerms, candidates[0].BodyTerms);
        Assert.Empty(Store.GetCandidates("kb", []));

        Store.SaveDocument("kb", SampleDocuments.Create("a.txt", "甲文", "新的 内容"));
        Assert.DoesNotContain(Store.GetCandidates("kb", [found[0].Key, found[1].Key]), c => c.Text.StartsWith("共同", StringComparison.Ordinal));
    }

    [Fact]
    public void ListChunks_AfterReplaceOrDelete_ShowsOnlyTheCurrentVersion()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("doc", null, "旧的 第一块", "旧的 第二块", "旧的 第三块"));
        DocumentInfo replaced = Store.SaveDocument("kb", SampleDocuments.CreateWithHash("doc", null, "hash-new", "新的 唯一块"));

        IReadOnlyList<ChunkSpan> afterReplace = Store.ListChunks("kb", replaced.Id);
        Store.DeleteDocument("kb", replaced.Id);

        Assert.Equal([(0, 0, 6)], afterReplace.Select(c => (c.Ordinal, c.Start, c.End)));
        Assert.Empty(Store.ListChunks("kb", replaced.Id));
    }
}
