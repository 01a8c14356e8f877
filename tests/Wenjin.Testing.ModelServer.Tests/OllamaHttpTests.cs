using System.Net;
using System.Text.Json;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary>Ollama's <c>POST /api/chat</c> and <c>POST /api/embed</c> over plain HTTP: the wire shapes OllamaSharp parses.</summary>
public sealed class OllamaHttpTests
{
    [Fact]
    public async Task RootUrl_IsTheServersRoot()
    {
        await using var server = await ScriptedModelServer.StartAsync();

        Assert.Equal("/", server.RootUrl.AbsolutePath);
        Assert.Equal(server.BaseUrl.Port, server.RootUrl.Port);
        Assert.Equal(new Uri(server.RootUrl, "v1"), server.BaseUrl);
    }

    [Fact]
    public async Task Chat_NotStreamed_IsOneObjectWithTheMessageDoneAndCounts()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Stream("年度营收", "为 12 亿元。"));
        using var client = ModelHttp.Client();

        using var response = await client.PostRootAsync(server, "api/chat", ModelHttp.OllamaChatBody("营收多少？", stream: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonAsync();
        Assert.Equal("qwen2.5:7b", json.GetProperty("model").GetString());
        Assert.True(DateTimeOffset.TryParse(json.GetProperty("created_at").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("assistant", json.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("年度营收为 12 亿元。", json.GetProperty("message").GetProperty("content").GetString());
        Assert.True(json.GetProperty("done").GetBoolean());
        Assert.Equal("stop", json.GetProperty("done_reason").GetString());
        Assert.Equal(ScriptedTokens.Count("只根据资料回答。") + ScriptedTokens.Count("营收多少？"), json.GetProperty("prompt_eval_count").GetInt32());
        Assert.Equal(10, json.GetProperty("eval_count").GetInt32());
        var sent = Assert.Single(server.ChatRequests);
        Assert.Equal("/api/chat", sent.Path);
        Assert.False(sent.Chat!.Stream);
        Assert.Equal(64, sent.Chat.MaxTokens);
        Assert.Equal(0.2, sent.Chat.Temperature);
        Assert.Equal("营收多少？", sent.Chat.LastUserMessage);
    }

    [Fact]
    public async Task Chat_StreamsUnlessToldNot_OneLinePerPieceThenADoneLine()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Stream("问津", "是", "文档问答。").WithFinishReason("length").WithUsage(100, 7));
        using var client = ModelHttp.Client();

        using var response = await client.PostRootAsync(server, "api/chat", ModelHttp.OllamaChatBody("问津是什么？", stream: null), HttpCompletionOption.ResponseHeadersRead);
        var lines = await response.ReadLinesAsync();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, lines.Count);
        Assert.Equal(["问津", "是", "文档问答。", ""], lines.Select(l => l.GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal([false, false, false, true], lines.Select(l => l.GetProperty("done").GetBoolean()));
        Assert.All(lines, l => Assert.Equal("assistant", l.GetProperty("message").GetProperty("role").GetString()));
        Assert.Equal("length", lines[3].GetProperty("done_reason").GetString());
        Assert.Equal(100, lines[3].GetProperty("prompt_eval_count").GetInt32());
        Assert.Equal(7, lines[3].GetProperty("eval_count").GetInt32());
        Assert.False(lines[0].TryGetProperty("eval_count", out _));
        Assert.True(Assert.Single(server.ChatRequests).Chat!.Stream);
    }

    [Fact]
    public async Task Chat_SharesTheQueueWithTheOpenAiEndpoint()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Reply("甲"), ChatScript.Reply("乙"));
        server.Chat.Default = request => ChatScript.Reply("回声：" + request.LastUserMessage);
        using var client = ModelHttp.Client();

        var first = await (await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("一"))).JsonAsync();
        var second = await (await client.PostRootAsync(server, "api/chat", ModelHttp.OllamaChatBody("二", stream: false))).JsonAsync();
        var third = await (await client.PostRootAsync(server, "api/chat", ModelHttp.OllamaChatBody("三", stream: false))).JsonAsync();

        Assert.Equal("甲", first.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("乙", second.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("回声：三", third.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(["/v1/chat/completions", "/api/chat", "/api/chat"], server.ChatRequests.Select(r => r.Path));
    }

    [Fact]
    public async Task Chat_ErrorsAreOllamasFlatErrorBody()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Status(503, retryAfterSeconds: 2, message: "server busy, please try again"));
        using var client = ModelHttp.Client();

        using var busy = await client.PostRootAsync(server, "api/chat", ModelHttp.OllamaChatBody("忙", stream: false));
        using var invalid = await client.PostRootAsync(server, "api/chat", """{"model":"m"}""");
        using var get = await client.GetAsync(new Uri(server.RootUrl, "api/chat"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta);
        Assert.Equal("server busy, please try again", (await busy.JsonAsync()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("messages", (await invalid.JsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(JsonValueKind.String, (await get.JsonAsync()).GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Chat_MalformedJson_AndTruncated_BreakTheLines()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.MalformedJson(), ChatScript.Truncated("第一段"));
        using var client = ModelHttp.Client();

        using var malformed = await client.PostRootAsync(server, "api/chat", ModelHttp.OllamaChatBody("坏", stream: false));
        string body = await malformed.Content.ReadAsStringAsync();
        using var truncated = await client.PostRootAsync(server, "api/chat", ModelHttp.OllamaChatBody("断", stream: true), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await truncated.Content.ReadAsStreamAsync());
        var received = new List<string>();
        var cut = await Record.ExceptionAsync(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                received.Add(line);
            }
        });

        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(cut).HttpRequestError);
        Assert.Contains(received, l => l.Contains("第一段", StringComparison.Ordinal));
        Assert.DoesNotContain(received, l => l.Contains("\"done\":true", StringComparison.Ordinal));
        await ModelHttp.EventuallyAsync(() => server.ChatRequests[1].Aborted, "the truncated request to be recorded as aborted");
    }

    [Fact]
    public async Task Embed_AnswersOneVectorPerInputInOllamasShape()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Default = ScriptedVectors.Generator(8);
        using var client = ModelHttp.Client();
        string[] inputs = ["第一段", "第二段"];

        using var response = await client.PostRootAsync(server, "api/embed", JsonSerializer.Serialize(new { model = "bge-m3", input = inputs }));
        var single = await (await client.PostRootAsync(server, "api/embed", """{"model":"bge-m3","input":"问津"}""")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("bge-m3", json.GetProperty("model").GetString());
        var embeddings = json.GetProperty("embeddings").EnumerateArray().ToList();
        Assert.Equal(2, embeddings.Count);
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(ScriptedVectors.For(inputs[i], 8), embeddings[i].EnumerateArray().Select(v => v.GetSingle()));
        }

        Assert.Equal(6, json.GetProperty("prompt_eval_count").GetInt32());
        Assert.Equal(ScriptedVectors.For("问津", 8), single.GetProperty("embeddings")[0].EnumerateArray().Select(v => v.GetSingle()));
        Assert.Equal(["/api/embed", "/api/embed"], server.EmbeddingRequests.Select(r => r.Path));
        Assert.Equal(inputs, server.EmbeddingRequests[0].Embedding!.Inputs);
    }

    [Fact]
    public async Task Embed_ScriptsFailTheOllamaWay()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Enqueue(EmbeddingScript.Status(429, retryAfterSeconds: 1), EmbeddingScript.MalformedJson(), EmbeddingScript.WrongDimension(3));
        using var client = ModelHttp.Client();
        const string Body = """{"model":"m","input":["x"]}""";

        using var limited = await client.PostRootAsync(server, "api/embed", Body);
        using var malformed = await client.PostRootAsync(server, "api/embed", Body);
        var wrong = await (await client.PostRootAsync(server, "api/embed", Body)).JsonAsync();
        using var unscripted = await client.PostRootAsync(server, "api/embed", Body);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter?.Delta);
        Assert.Equal(JsonValueKind.String, (await limited.JsonAsync()).GetProperty("error").ValueKind);
        string malformedBody = await malformed.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(malformedBody));
        Assert.Equal(3, wrong.GetProperty("embeddings")[0].GetArrayLength());
        Assert.Equal(HttpStatusCode.InternalServerError, unscripted.StatusCode);
        Assert.Contains("ScriptedEmbeddings.Default is not set", (await unscripted.JsonAsync()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
