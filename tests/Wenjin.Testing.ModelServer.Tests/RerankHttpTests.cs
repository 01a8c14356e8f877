using System.Net;
using System.Text.Json;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary>
/// <c>POST /v1/rerank</c> and <c>POST /rerank</c> over plain HTTP, in Cohere style (vLLM, Xinference, Jina) and
/// text-embeddings-inference style, told apart by the body.
/// </summary>
public sealed class RerankHttpTests
{
    private const string Query = "数据中心年均PUE是多少";

    private static readonly string[] Documents = ["公司总部位于杭州。", "数据中心年均PUE为1.25。", "年均营收增长两成。"];

    [Fact]
    public async Task Cohere_ByDefault_ListsEveryDocumentBestFirst_WithItsTextAndUsage()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        using var client = ModelHttp.Client();

        using var response = await client.PostAsync(server, "rerank", CohereBody());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("bge-reranker-v2-m3", json.GetProperty("model").GetString());
        Assert.StartsWith("rerank-", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([1, 2, 0], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(results, r => Assert.Equal(
            ScriptedRelevance.SharedCharacters(Query, Documents[r.GetProperty("index").GetInt32()]),
            r.GetProperty("relevance_score").GetDouble()));
        Assert.Equal(Documents[1], results[0].GetProperty("document").GetProperty("text").GetString());
        var sent = Assert.Single(server.RerankRequests).Rerank!;
        Assert.Equal(ScriptedRerankStyle.Cohere, sent.Style);
        Assert.Equal(Query, sent.Query);
        Assert.Equal(Documents, sent.Documents);
        Assert.Null(sent.TopN);
    }

    [Fact]
    public async Task Cohere_TopN_KeepsOnlyTheBest()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Rerank.Enqueue(RerankScript.Scores(0.3, 0.1, 0.9));
        using var client = ModelHttp.Client();

        var json = await (await client.PostAsync(server, "rerank", CohereBody(topN: 2))).JsonAsync();

        Assert.Equal([2, 0], json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(2, server.RerankRequests[0].Rerank!.TopN);
    }

    [Fact]
    public async Task Tei_IsAnArrayOfIndexAndScoreBestFirst_OnEitherPath()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Rerank.Enqueue(RerankScript.Scores(0.2, 0.7, 0.2), RerankScript.Scores(0.5, 0.4, 0.6));
        using var client = ModelHttp.Client();

        using var root = await client.PostRootAsync(server, "rerank", TeiBody());
        using var v1 = await client.PostAsync(server, "rerank", TeiBody());

        var first = (await root.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([1, 0, 2], first.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([0.7, 0.2, 0.2], first.Select(r => r.GetProperty("score").GetDouble()));
        Assert.All(first, r => Assert.False(r.TryGetProperty("document", out _)));
        Assert.Equal([2, 0, 1], (await v1.JsonAsync()).EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal(["/rerank", "/v1/rerank"], server.RerankRequests.Select(r => r.Path));
        Assert.All(server.RerankRequests, r => Assert.Equal(ScriptedRerankStyle.Tei, r.Rerank!.Style));
        Assert.Equal("", server.RerankRequests[0].Rerank!.Model);
    }

    [Fact]
    public async Task Results_AreAnsweredExactly_EvenWhenTheyMakeNoSense()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Rerank.Enqueue(RerankScript.Results((5, 0.9), (0, 0.1), (0, 0.2)), RerankScript.Scores(0.1, 0.2, 0.3, 0.4));
        using var client = ModelHttp.Client();

        var raw = (await (await client.PostRootAsync(server, "rerank", TeiBody())).JsonAsync()).EnumerateArray().ToList();
        var extra = (await (await client.PostRootAsync(server, "rerank", TeiBody())).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal([5, 0, 0], raw.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([0.9, 0.1, 0.2], raw.Select(r => r.GetProperty("score").GetDouble()));
        Assert.Equal([3, 2, 1, 0], extra.Select(r => r.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task Status_IsAnOpenAiErrorUnderV1_AndAFlatErrorAtTheRoot()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Rerank.Enqueue(RerankScript.Status(429, retryAfterSeconds: 3), RerankScript.Status(413, message: "inputs must have less than 512 tokens"));
        using var client = ModelHttp.Client();

        using var limited = await client.PostAsync(server, "rerank", CohereBody());
        using var tooLong = await client.PostRootAsync(server, "rerank", TeiBody());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_error", (await limited.JsonAsync()).GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
        Assert.Equal("inputs must have less than 512 tokens", (await tooLong.JsonAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task MalformedJson_Is200WithABodyThatDoesNotParse_InEitherStyle()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Rerank.Enqueue(RerankScript.MalformedJson(), RerankScript.MalformedJson());
        using var client = ModelHttp.Client();

        using var cohere = await client.PostAsync(server, "rerank", CohereBody());
        using var tei = await client.PostRootAsync(server, "rerank", TeiBody());

        foreach (var response in new[] { cohere, tei })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string body = await response.Content.ReadAsStringAsync();
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        }
    }

    [Fact]
    public async Task Delay_EndsWhenTheClientTimesOut_ThenTheNextScriptAnswers()
    {
        // The delay outlasts every bound below: only the server honouring the abort lets the request end.
        await using var server = await ScriptedModelServer.StartAsync();
        server.Rerank.Enqueue(RerankScript.Delay(TimeSpan.FromSeconds(120), RerankScript.Scores(1, 1, 1)), RerankScript.Scores(0.1, 0.2, 0.3));
        using var impatient = ModelHttp.Client(TimeSpan.FromSeconds(2));
        using var client = ModelHttp.Client();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.PostRootAsync(server, "rerank", TeiBody()));
        await ModelHttp.EventuallyAsync(() => server.RerankRequests.Count == 1 && server.RerankRequests[0].Aborted, "the delayed request to be recorded as aborted");
        var json = await (await client.PostRootAsync(server, "rerank", TeiBody())).JsonAsync();

        Assert.Equal(0, server.RerankRequests[0].StatusCode);
        Assert.Equal(2, json[0].GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task DefaultNull_Is500SayingSo_AndAThrowingDefaultIs500NamingIt()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        using var client = ModelHttp.Client();

        server.Rerank.Default = null;
        using var unscripted = await client.PostRootAsync(server, "rerank", TeiBody());
        server.Rerank.Default = _ => throw new InvalidOperationException("坏的打分");
        using var throwing = await client.PostRootAsync(server, "rerank", TeiBody());

        Assert.Equal(HttpStatusCode.InternalServerError, unscripted.StatusCode);
        Assert.Contains("ScriptedRerank.Default is null", (await unscripted.JsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, throwing.StatusCode);
        Assert.Contains("坏的打分", (await throwing.JsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"documents":["a"]}""")]
    [InlineData("""{"query":"q"}""")]
    [InlineData("""{"query":"q","documents":["a"],"texts":["a"]}""")]
    [InlineData("""{"query":"q","documents":[]}""")]
    [InlineData("""{"query":"q","texts":[{"text":"a"}]}""")]
    public async Task InvalidBody_Is400_AndTakesNoScript(string body)
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Rerank.Enqueue(RerankScript.Scores(1));
        using var client = ModelHttp.Client();

        using var response = await client.PostRootAsync(server, "rerank", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(JsonValueKind.String, (await response.JsonAsync()).GetProperty("error").ValueKind);
        Assert.Equal(1, server.Rerank.Pending);
        Assert.Null(Assert.Single(server.RerankRequests).Rerank);
    }

    private static string CohereBody(int? topN = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["model"] = "bge-reranker-v2-m3",
        ["query"] = Query,
        ["documents"] = Documents,
        ["top_n"] = topN,
    }.Where(p => p.Value is not null).ToDictionary());

    private static string TeiBody() => JsonSerializer.Serialize(new { query = Query, texts = Documents });
}
