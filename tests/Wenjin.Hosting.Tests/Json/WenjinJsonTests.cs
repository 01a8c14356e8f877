using System.Text.Json;
using Wenjin.Answers;
using Wenjin.Hosting.Json;
using Wenjin.Search;

namespace Wenjin.Hosting.Tests.Json;

public sealed class WenjinJsonTests
{
    [Fact]
    public void SearchResult_HasTheContractNames_InCamelCase()
    {
        var hit = new SearchHit(1, 18.1874, "75cb3674", "reports/2024/annual.txt", "智算中心2024年度运行报告", "75cb3674-1", "千卡并行的有效算力达到92%。", null, 113, 212);
        var result = new SearchResult("千卡并行的有效算力", 1.25, [hit]);

        string json = JsonSerializer.Serialize(result, WenjinJson.Options);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        AssertNamesInOrder(root, "query", "tookMs", "hits");
        Assert.Equal("千卡并行的有效算力", root.GetProperty("query").GetString());
        Assert.Equal(1.25, root.GetProperty("tookMs").GetDouble());
        var h = Assert.Single(root.GetProperty("hits").EnumerateArray());
        AssertNamesInOrder(h, "rank", "score", "docId", "sourceId", "title", "chunkId", "text", "page", "start", "end");
        Assert.Equal(1, h.GetProperty("rank").GetInt32());
        Assert.Equal(18.1874, h.GetProperty("score").GetDouble());
        Assert.Equal("reports/2024/annual.txt", h.GetProperty("sourceId").GetString());
        Assert.Equal(JsonValueKind.Null, h.GetProperty("page").ValueKind);
        Assert.Equal(113, h.GetProperty("start").GetInt32());
        Assert.Equal(212, h.GetProperty("end").GetInt32());
        Assert.False(h.TryGetProperty("explanation", out _));
        Assert.Contains("\"page\":null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Explanation", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SearchHit_WithAnExplanationAndAPage_WritesThem()
    {
        var explanation = new ScoreExplanation(3.5, "sum of bm25f, proximity and coverage")
        {
            Details = [new ScoreExplanation(3.5, "bm25f")],
        };
        var hit = new SearchHit(2, 3.5, "d", "scan.pdf", null, "d-0", "第三页的正文", 3, 1200, 1650) { Explanation = explanation };

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(hit, WenjinJson.Options));
        var root = document.RootElement;

        Assert.Equal(3, root.GetProperty("page").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("title").ValueKind);
        var written = root.GetProperty("explanation");
        Assert.Equal(3.5, written.GetProperty("value").GetDouble());
        Assert.Equal("sum of bm25f, proximity and coverage", written.GetProperty("description").GetString());
        Assert.Equal("bm25f", written.GetProperty("details")[0].GetProperty("description").GetString());
    }

    [Fact]
    public void AskResult_HasTheContractNames_AndChineseIsNotEscaped()
    {
        var citation = new Citation(1, "75cb3674", "reports/2024/annual.txt", "智算中心2024年度运行报告", null, "千卡并行的有效算力达到92%，较上线初期提升了17个百分点。", 146, 184);
        var result = new AskResult("千卡并行的有效算力达到多少？", "千卡并行的有效算力达到92%，较上线初期提升了17个百分点。", false, 8.0, [citation]);

        string json = JsonSerializer.Serialize(result, WenjinJson.Options);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        AssertNamesInOrder(root, "question", "answer", "refused", "tookMs", "citations");
        Assert.False(root.GetProperty("refused").GetBoolean());
        var c = Assert.Single(root.GetProperty("citations").EnumerateArray());
        AssertNamesInOrder(c, "index", "docId", "sourceId", "title", "page", "quote", "start", "end");
        Assert.Equal(1, c.GetProperty("index").GetInt32());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("page").ValueKind);
        Assert.Equal(146, c.GetProperty("start").GetInt32());
        Assert.Equal(184, c.GetProperty("end").GetInt32());
        Assert.Contains("\"question\":\"千卡并行的有效算力达到多少？\"", json, StringComparison.Ordinal);
        Assert.Contains("达到92%，较上线初期", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Indented_WritesTheSameShape()
    {
        var result = new SearchResult("资讯", 0.5, []);

        string indented = JsonSerializer.Serialize(result, WenjinJson.Indented);

        Assert.Contains('\n', indented);
        Assert.Equal(JsonSerializer.Serialize(result, WenjinJson.Options), JsonSerializer.Serialize(JsonElement.Parse(indented), WenjinJson.Options));
    }

    [Fact]
    public async Task RealSearchResult_RoundTripsThroughTheContractShape()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        var result = await kb.Service.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("订阅行业资讯"), ct);

        var back = JsonSerializer.Deserialize<SearchResult>(JsonSerializer.Serialize(result, WenjinJson.Options), WenjinJson.Options);

        Assert.NotNull(back);
        Assert.Equal(result.Query, back.Query);
        Assert.Equal(result.Hits.Select(h => (h.Rank, h.Score, h.DocId, h.SourceId, h.Title, h.ChunkId, h.Text, h.Page, h.Start, h.End)), back.Hits.Select(h => (h.Rank, h.Score, h.DocId, h.SourceId, h.Title, h.ChunkId, h.Text, h.Page, h.Start, h.End)));
    }

    private static void AssertNamesInOrder(JsonElement element, params string[] expected)
    {
        var names = element.EnumerateObject().Select(p => p.Name).ToList();
        var present = names.Where(expected.Contains).ToArray();
        Assert.Equal(expected, present);
    }
}
