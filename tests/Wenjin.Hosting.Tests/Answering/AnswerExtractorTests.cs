using Wenjin.Analysis;
using Wenjin.Answers;
using Wenjin.Hosting.Answering;

namespace Wenjin.Hosting.Tests.Answering;

public sealed class AnswerExtractorTests
{
    [Theory]
    [InlineData("千卡并行的有效算力达到多少？", Corpus.ReportPath, "92%")]
    [InlineData("中心部署了多少张国产加速卡？", Corpus.ReportPath, "2048张")]
    [InlineData("在北京出差每晚住宿费不超过多少钱？", Corpus.PolicyPath, "600元")]
    [InlineData("地铁5号线南延段全长多少公里？", "news-002", "12.4公里")]
    public async Task QuantityQuestion_IsAnsweredWithTheSentenceHoldingTheNumber(string question, string sourceId, string number)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.AskAsync(TestKnowledgeBase.Name, question, ct);

        Assert.False(result.Refused, result.Reason);
        Assert.Equal(question, result.Question);
        Assert.Contains(number, result.Answer, StringComparison.Ordinal);
        Assert.Equal(sourceId, result.Citations[0].SourceId);
        Assert.InRange(result.Confidence, 0.01, 1);
    }

    [Theory]
    [InlineData("智算中心何时正式投入运行？", "2024年3月15日")]
    [InlineData("地铁5号线南延段哪年开通试运营？", "2024年9月28日")]
    [InlineData("市图书馆从什么时候起延长周末开放时间？", "2024年7月1日")]
    public async Task TimeQuestion_IsAnsweredWithADate(string question, string date)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.AskAsync(TestKnowledgeBase.Name, question, ct);

        Assert.False(result.Refused, result.Reason);
        Assert.Contains(date, result.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("千卡并行的有效算力达到多少？")]
    [InlineData("智算中心何时正式投入运行？")]
    [InlineData("报销须提供谁签字的出差审批单？")]
    [InlineData("忘记邮箱密码怎么办？")]
    [InlineData("訂閱行業資訊的方法是什麼？")]
    public async Task Answer_IsExactlyItsCitedQuotes_AndEachQuoteIsTheStoredTextAtItsSpan(string question)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        var documents = (await kb.Service.ListDocumentsAsync(TestKnowledgeBase.Name, ct)).ToDictionary(d => d.Id);

        var result = await kb.Service.AskAsync(TestKnowledgeBase.Name, question, ct);

        Assert.False(result.Refused, result.Reason);
        Assert.NotEmpty(result.Citations);
        Assert.Equal(string.Concat(result.Citations.Select(c => c.Quote + CitationMarkers.Format(c.Index))), WithoutWhiteSpace(result.Answer, result.Citations));
        AssertVerbatim(kb, documents, result.Citations);
    }

    [Fact]
    public async Task Answer_FromATableRow_CitesTheTableHeaderRowToo()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        string docs = temp.Combine("docs");
        Directory.CreateDirectory(docs);
        var rows = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"| 设备{i}号 | 机房{i} | 2025年{i}月 |"));
        await File.WriteAllTextAsync(
            Path.Combine(docs, "问题清单.md"),
            $"# 运维问题清单\n\n下表列出各项问题及其计划解决时间。\n\n| 问题 | 影响范围 | 计划解决时间 |\n| --- | --- | --- |\n{rows}\n| 存储带宽不足 | 大规模数据加载慢 | 2025年3月 |\n",
            ct);
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        await service.IngestPathsAsync("t", [docs], cancellationToken: ct);

        var result = await service.AskAsync("t", "存储带宽不足计划什么时候解决？", ct);

        Assert.False(result.Refused, result.Reason);
        Assert.Equal(2, result.Citations.Count);
        Assert.Equal("问题 | 影响范围 | 计划解决时间", result.Citations[0].Quote);
        Assert.Contains("存储带宽不足", result.Citations[1].Quote);
        Assert.Contains("2025年3月", result.Citations[1].Quote);
        Assert.Equal($"{result.Citations[0].Quote}[1]\n{result.Citations[1].Quote}[2]", result.Answer);
        using var store = Wenjin.Storage.Sqlite.SqliteKnowledgeStore.Open(temp.Combine("data", KnowledgeBaseService.DatabaseFileName));
        foreach (var citation in result.Citations)
        {
            Assert.Equal(store.GetDocumentText("t", citation.DocId)![citation.Start..citation.End], citation.Quote);
        }
    }

    /// <summary>The answer with the white space between its cited parts removed (parts are joined by the document's own spacing or a line break).</summary>
    private static string WithoutWhiteSpace(string answer, IReadOnlyList<Citation> citations)
    {
        var rest = answer;
        var builder = new System.Text.StringBuilder();
        foreach (var citation in citations)
        {
            rest = rest.TrimStart();
            Assert.StartsWith(citation.Quote, rest, StringComparison.Ordinal);
            builder.Append(citation.Quote);
            rest = rest[citation.Quote.Length..];
            string marker = CitationMarkers.Format(citation.Index);
            Assert.StartsWith(marker, rest, StringComparison.Ordinal);
            builder.Append(marker);
            rest = rest[marker.Length..];
        }

        Assert.Equal(string.Empty, rest);
        return builder.ToString();
    }

    [Theory]
    [InlineData("公司食堂几点开门？")]
    [InlineData("员工年假可以休几天？")]
    public async Task QuestionAboutSomethingAbsent_IsRefusedWithTheClosestPassagesCitedVerbatim(string question)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        var documents = (await kb.Service.ListDocumentsAsync(TestKnowledgeBase.Name, ct)).ToDictionary(d => d.Id);

        var result = await kb.Service.AskAsync(TestKnowledgeBase.Name, question, ct);

        Assert.True(result.Refused);
        Assert.Contains("知识库中没有", result.Answer, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        Assert.Equal(0, result.Confidence);
        Assert.NotEmpty(result.Citations);
        Assert.InRange(result.Citations.Count, 1, 3);
        AssertVerbatim(kb, documents, result.Citations);
        var search = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new Wenjin.Search.SearchRequest(question) { Top = result.Citations.Count }, ct);
        Assert.Equal(search.Hits.Select(h => (h.DocId, h.Start, h.End)), result.Citations.Select(c => (c.DocId, c.Start, c.End)));
    }

    [Fact]
    public async Task EnglishQuestionWithNoMatch_IsRefusedInEnglish()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.AskAsync(TestKnowledgeBase.Name, "When does the staff canteen open?", ct);

        Assert.True(result.Refused);
        Assert.Contains("does not contain", result.Answer, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public async Task GatherEvidence_ShowsTheChosenSentenceAndCoverage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var answerable = kb.Service.GatherEvidence(TestKnowledgeBase.Name, "千卡并行的有效算力达到多少？");
        var absent = kb.Service.GatherEvidence(TestKnowledgeBase.Name, "公司食堂几点开门？");

        Assert.Equal(QuestionKind.Quantity, answerable.Query.Kind);
        var chosen = Assert.IsType<Wenjin.Hosting.Answering.AnswerSentence>(answerable.Chosen);
        Assert.Contains("92%", chosen.Text, StringComparison.Ordinal);
        Assert.Equal(1, chosen.TypeMatch);
        Assert.Equal(0, chosen.ChunkRank);
        Assert.Equal(kb.StoredText(answerable.Retrieval.Chunks[0].Candidate.DocId)[chosen.Start..chosen.End], chosen.Text);
        Assert.True(answerable.BestChunkCoverage >= 0.5, $"coverage {answerable.BestChunkCoverage}");
        Assert.True(absent.BestChunkCoverage < answerable.BestChunkCoverage);
    }

    private static void AssertVerbatim(TestKnowledgeBase kb, Dictionary<string, Wenjin.Storage.DocumentInfo> documents, IReadOnlyList<Citation> citations)
    {
        for (int i = 0; i < citations.Count; i++)
        {
            var citation = citations[i];
            Assert.Equal(i + 1, citation.Index);
            var document = documents[citation.DocId];
            Assert.Equal(document.SourceId, citation.SourceId);
            Assert.Equal(document.Title, citation.Title);
            Assert.False(string.IsNullOrEmpty(citation.Quote));
            Assert.Equal(kb.StoredText(citation.DocId)[citation.Start..citation.End], citation.Quote);
        }
    }
}
