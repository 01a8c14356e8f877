using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wenjin.Server.Tests.Apis;

public sealed class SearchApiTests
{
    [Fact]
    public async Task Search_returns_the_contract_shape_and_explains_only_when_asked()
    {
        await using var server = await TestServer.StartAsync();
        await server.UploadAsync("reports", (TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("reports", 2);

        var plain = await (await server.Client.PostAsJsonAsync("/api/kbs/reports/search", new { query = "住宿费标准", top = 1 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("住宿费标准", plain.GetProperty("query").GetString());
        Assert.True(plain.GetProperty("tookMs").GetDouble() >= 0);
        var hit = Assert.Single(plain.GetProperty("hits").EnumerateArray());
        Assert.Equal(1, hit.GetProperty("rank").GetInt32());
        Assert.Equal(TestData.PolicyName, hit.GetProperty("sourceId").GetString());
        Assert.Contains("600元", hit.GetProperty("text").GetString(), StringComparison.Ordinal);
        foreach (string field in new[] { "score", "docId", "title", "chunkId", "page", "start", "end" })
        {
            Assert.True(hit.TryGetProperty(field, out _), field);
        }

        Assert.False(hit.TryGetProperty("explanation", out _));

        var explained = await (await server.Client.PostAsJsonAsync("/api/kbs/reports/search", new { query = "住宿费标准", explain = true })).Content.ReadFromJsonAsync<JsonElement>();
        var explanation = explained.GetProperty("hits")[0].GetProperty("explanation");
        Assert.Equal(explained.GetProperty("hits")[0].GetProperty("score").GetDouble(), explanation.GetProperty("value").GetDouble(), 3);
        Assert.NotEmpty(explanation.GetProperty("details").EnumerateArray());
    }

    [Fact]
    public async Task Bad_searches_are_problem_details()
    {
        await using var server = await TestServer.StartAsync();
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/nope/search", new { query = "x" }), HttpStatusCode.NotFound, "notFound");
        await server.Client.PostAsJsonAsync("/api/kbs", new { name = "kb" });
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/kb/search", new { query = " " }), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/kb/search", new { query = "x", top = 0 }), HttpStatusCode.BadRequest, "invalidInput");
    }
}
