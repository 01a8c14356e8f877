using Wenjin.Search;

namespace Wenjin.Hosting.Tests.Search;

public sealed class SearchTests
{
    [Theory]
    [InlineData("千卡并行的有效算力", Corpus.ReportPath, "千卡并行的有效算力达到92%")]
    [InlineData("北京出差每晚住宿费上限", Corpus.PolicyPath, "每人每晚住宿费不超过600元")]
    [InlineData("报销申请的提交期限", Corpus.PolicyPath, "15个工作日内提交报销申请")]
    [InlineData("忘记邮箱密码", Corpus.FaqPath, "办理密码重置")]
    [InlineData("地铁5号线南延段开通时间", "news-002", "2024年9月28日开通试运营")]
    [InlineData("智算中心何时投入运行", Corpus.ReportPath, "2024年3月15日正式投入运行")]
    public async Task ChunkWithTheExactAnswer_RanksFirst(string query, string sourceId, string answer)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest(query), ct);

        Assert.Equal(query, result.Query);
        var first = result.Hits[0];
        Assert.Equal(sourceId, first.SourceId);
        Assert.Contains(answer, first.Text, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, result.Hits.Count), result.Hits.Select(h => h.Rank));
        Assert.Equal(result.Hits.Select(h => h.Score).OrderDescending(), result.Hits.Select(h => h.Score));
    }

    [Theory]
    [InlineData("訂閱行業資訊", "资讯订阅")]
    [InlineData("資訊簡報", "行业资讯简报")]
    [InlineData("國產加速卡", "国产加速卡2048张")]
    public async Task TraditionalScriptQuery_FindsSimplifiedText(string query, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest(query), ct);

        Assert.NotEmpty(result.Hits);
        Assert.Contains(expected, result.Hits[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hits_CarryProvenance_AndTheirTextIsTheStoredTextAtTheirSpan()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        var documents = (await kb.Service.ListDocumentsAsync(TestKnowledgeBase.Name, ct)).ToDictionary(d => d.Id);

        var result = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("员工出差报销住宿费和资讯订阅") { Top = 20 }, ct);

        Assert.True(result.Hits.Count >= 4, $"expected several hits, got {result.Hits.Count}");
        Assert.True(result.Hits.Select(h => h.SourceId).Distinct().Count() >= 2);
        foreach (var hit in result.Hits)
        {
            var document = documents[hit.DocId];
            Assert.Equal(document.SourceId, hit.SourceId);
            Assert.Equal(document.Title, hit.Title);
            Assert.False(string.IsNullOrEmpty(hit.ChunkId));
            Assert.Null(hit.Page);
            Assert.InRange(hit.Start, 0, hit.End - 1);
            Assert.InRange(hit.End, hit.Start + 1, document.Characters);
            string stored = kb.StoredText(hit.DocId);
            Assert.Equal(stored[hit.Start..hit.End], hit.Text);
            Assert.Null(hit.Explanation);
        }

        var policy = result.Hits.First(h => h.SourceId == Corpus.PolicyPath);
        Assert.Equal("差旅费报销管理办法", policy.Title);
        Assert.Equal("差旅费报销管理办法", policy.HeadingPath[0]);
    }

    [Fact]
    public async Task Top_LimitsTheHits()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var all = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("员工出差报销住宿费") { Top = 50 }, ct);
        var two = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("员工出差报销住宿费") { Top = 2 }, ct);

        Assert.True(all.Hits.Count > 2);
        Assert.Equal(all.Hits.Take(2).Select(h => h.ChunkId), two.Hits.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task QueryWithNoIndexedWord_HasNoHits()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("量子纠缠光谱仪"), ct);

        Assert.Empty(result.Hits);
    }

    [Theory]
    [InlineData("千卡并行的有效算力达到多少")]
    [InlineData("北京出差住宿费标准")]
    [InlineData("訂閱行業資訊")]
    public async Task Explain_GivesEveryHitAnExplanationThatAddsUpToItsScore(string query)
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var result = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest(query) { Explain = true, Top = 20 }, ct);

        Assert.NotEmpty(result.Hits);
        foreach (var hit in result.Hits)
        {
            var explanation = Assert.IsType<ScoreExplanation>(hit.Explanation);
            Assert.Equal(Math.Round(explanation.Value, 4), hit.Score, 1e-9);
            Assert.NotEmpty(explanation.Details);
            Assert.Equal(explanation.Value, explanation.Details.Sum(d => d.Value), 1e-9);
            var bm25 = explanation.Details[0];
            Assert.Equal(bm25.Value, bm25.Details.Sum(d => d.Value), 1e-9);
            Assert.True(bm25.Value > 0, "a hit matches at least one query term");
        }
    }
}
