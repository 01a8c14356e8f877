using Wenjin.Hosting.Search;
using Wenjin.Storage.Sqlite;
using Wenjin.Text.Analysis;

namespace Wenjin.Hosting.Tests.Search;

public sealed class ChunkRetrieverTests
{
    [Fact]
    public async Task Retrieve_RanksTheStoreCandidates_AndKeepsAtMostTop()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        using var store = SqliteKnowledgeStore.Open(Path.Combine(kb.DataDirectory, KnowledgeBaseService.DatabaseFileName));
        var retriever = new ChunkRetriever(store, new QueryAnalyzer(ChineseAnalyzer.Shared), RankingOptions.Default);

        var query = retriever.Analyze("员工出差住宿费不超过多少？");
        var all = retriever.Retrieve(TestKnowledgeBase.Name, query, 50, explain: false);
        var top2 = retriever.Retrieve(TestKnowledgeBase.Name, query, 2, explain: true);

        Assert.DoesNotContain(query.Terms, t => t.Term == "多少");
        Assert.True(all.Chunks.Count > 2);
        Assert.Equal(all.Chunks.Take(2).Select(c => c.Candidate.ChunkId), top2.Chunks.Select(c => c.Candidate.ChunkId));
        Assert.Equal(all.Chunks.Select(c => c.Score).OrderDescending(), all.Chunks.Select(c => c.Score));
        Assert.Contains("600元", all.Chunks[0].Candidate.Text, StringComparison.Ordinal);
        Assert.All(top2.Chunks, c => Assert.NotNull(c.Explanation));
        Assert.All(all.Chunks, c => Assert.Null(c.Explanation));
        Assert.NotNull(all.Statistics);
        Assert.True(all.Idf("住宿费") > 0);
    }

    [Fact]
    public async Task Retrieve_WithNoContentTerms_ReturnsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        using var store = SqliteKnowledgeStore.Open(Path.Combine(kb.DataDirectory, KnowledgeBaseService.DatabaseFileName));
        var retriever = new ChunkRetriever(store, new QueryAnalyzer(ChineseAnalyzer.Shared), RankingOptions.Default);

        var retrieval = retriever.Retrieve(TestKnowledgeBase.Name, retriever.Analyze("什么？吗？"), 10, explain: false);

        Assert.Empty(retrieval.Chunks);
        Assert.Equal(0, retrieval.Idf("住宿费"));
    }
}
