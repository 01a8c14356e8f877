using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary>The server itself: address, models, routing, API key, recording, concurrency and shutdown.</summary>
public sealed class ServerHttpTests
{
    [Fact]
    public async Task BaseUrl_IsLoopbackWithAPortAndV1()
    {
        await using var server = await ScriptedModelServer.StartAsync();

        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.NotEqual(0, server.BaseUrl.Port);
        Assert.Equal("/v1", server.BaseUrl.AbsolutePath);
    }

    [Fact]
    public async Task Models_ListsTheConfiguredIds()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Models = ["qwen2.5-7b-instruct", "bge-m3"];
        using var client = ModelHttp.Client();

        var json = await (await client.GetAsync(ModelHttp.Url(server, "models"))).JsonAsync();

        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Equal(["qwen2.5-7b-instruct", "bge-m3"], json.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.All(json.GetProperty("data").EnumerateArray(), m => Assert.Equal("model", m.GetProperty("object").GetString()));
    }

    [Fact]
    public async Task UnknownPathAndWrongMethod_AreOpenAiErrors_AndAreRecorded()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        using var client = ModelHttp.Client();

        using var noV1 = await client.PostAsync(new Uri(server.BaseUrl, "/chat/completions"), new StringContent("{}"));
        using var get = await client.GetAsync(ModelHttp.Url(server, "chat/completions"));

        Assert.Equal(HttpStatusCode.NotFound, noV1.StatusCode);
        Assert.Contains("/v1", (await noV1.JsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(["/chat/completions", "/v1/chat/completions"], server.Requests.Select(r => r.Path));
        Assert.Equal([404, 405], server.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task RequiredApiKey_RejectsOtherKeysWith401_WithoutTakingAScript()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.RequiredApiKey = "sk-right";
        server.Chat.Enqueue(ChatScript.Reply("通过"));
        using var client = ModelHttp.Client();

        using var wrong = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("你好"));
        using var request = new HttpRequestMessage(HttpMethod.Post, ModelHttp.Url(server, "chat/completions")) { Content = new StringContent(ModelHttp.ChatBody("你好")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-right");
        using var right = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("invalid_api_key", (await wrong.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(["k", "sk-right"], server.Requests.Select(r => r.ApiKey));
    }

    [Fact]
    public async Task Requests_RecordPathHeadersBodyAndTheParsedChatRequest()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Reply("好"));
        using var client = ModelHttp.Client();
        const string Body = """
            {"model":"deepseek-chat","temperature":0.2,"max_tokens":64,"stream":false,
             "messages":[{"role":"system","content":"你是问津。"},
                         {"role":"user","content":[{"type":"text","text":"资料："},{"type":"text","text":"营收？"}]}]}
            """;

        await client.PostAsync(server, "chat/completions", Body);

        var recorded = Assert.Single(server.Requests);
        Assert.Equal(1, recorded.Sequence);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/chat/completions", recorded.Path);
        Assert.Equal("Bearer k", recorded.Authorization);
        Assert.Equal("Bearer k", recorded.Headers["authorization"]);
        Assert.StartsWith("application/json", recorded.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("deepseek-chat", recorded.Model);
        Assert.Equal(Body, recorded.RawBody);
        Assert.Equal(0.2, recorded.Body!.Value.GetProperty("temperature").GetDouble());
        var chat = recorded.Chat!;
        Assert.Equal([new ScriptedChatMessage("system", "你是问津。"), new ScriptedChatMessage("user", "资料：营收？")], chat.Messages);
        Assert.Equal("你是问津。", chat.SystemPrompt);
        Assert.Equal("资料：营收？", chat.LastUserMessage);
        Assert.False(chat.Stream);
        Assert.Equal(64, chat.MaxTokens);
        Assert.Equal(0.2, chat.Temperature);
        Assert.Null(recorded.Embedding);
        Assert.Equal(200, recorded.StatusCode);
        Assert.False(recorded.Aborted);
    }

    [Fact]
    public async Task ConcurrentRequests_EachTakeOneQueuedScript()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        const int Count = 24;
        server.Chat.Enqueue([.. Enumerable.Range(0, Count).Select(i => ChatScript.Reply("答" + i))]);
        using var client = ModelHttp.Client();

        var answers = await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            var json = await (await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("问" + i, stream: i % 2 == 0), HttpCompletionOption.ResponseContentRead)).Content.ReadAsStringAsync();
            return json;
        }));

        var replies = answers.Select(a => Enumerable.Range(0, Count).Single(i => a.Contains($"\"答{i}\"", StringComparison.Ordinal))).ToList();
        Assert.Equal(Enumerable.Range(0, Count), replies.Order());
        Assert.Equal(Count, server.Requests.Count);
        Assert.Equal(Enumerable.Range(1, Count), server.Requests.Select(r => r.Sequence));
        Assert.Equal(0, server.Chat.Pending);
    }

    [Fact]
    public async Task Stall_HangsUntilTheClientCancels_AndIsRecordedAsAborted()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Stall("开头"));
        using var client = ModelHttp.Client();
        using var cancel = new CancellationTokenSource();

        using var response = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("等", stream: true), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        while (lines.Count < 4) // role chunk, blank line, "开头" chunk, blank line
        {
            lines.Add((await reader.ReadLineAsync())!);
        }

        var pending = reader.ReadLineAsync(cancel.Token).AsTask();
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);
        Assert.False(server.Requests.Single().Aborted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        response.Dispose();

        Assert.Contains(lines, l => l.Contains("开头", StringComparison.Ordinal));
        await ModelHttp.EventuallyAsync(() => server.Requests.Single().Aborted, "the stalled request to be recorded as aborted");
    }

    [Fact]
    public async Task WaitForRequests_ReturnsOnceTheRequestArrived_AndDisposeEndsAStalledRequest()
    {
        var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Stall());
        using var client = ModelHttp.Client();

        var call = client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("挂起"));
        var received = await server.WaitForRequestsAsync(1).WaitAsync(TimeSpan.FromSeconds(5));
        // A stall never ends by itself: Dispose returning (within a generous bound) means it ended the request.
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("挂起", received.Single().Chat!.LastUserMessage);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => call);
        await server.DisposeAsync();
    }
}
