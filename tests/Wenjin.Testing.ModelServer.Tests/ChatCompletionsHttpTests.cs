using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary><c>POST /v1/chat/completions</c> over plain HTTP: the wire shapes a vLLM/OpenAI client parses.</summary>
public sealed class ChatCompletionsHttpTests
{
    [Fact]
    public async Task Reply_IsOneChatCompletionWithContentFinishReasonAndUsage()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Reply("年度营收为 12 亿元。"));
        using var client = ModelHttp.Client();

        using var response = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("营收多少？"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.JsonAsync();
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        Assert.StartsWith("chatcmpl-", json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("qwen2.5-7b-instruct", json.GetProperty("model").GetString());
        Assert.True(json.GetProperty("created").GetInt64() > 1_600_000_000);
        var choice = Assert.Single(json.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString());
        Assert.Equal("年度营收为 12 亿元。", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        var usage = json.GetProperty("usage");
        Assert.Equal(ScriptedTokens.Count("只根据资料回答。") + ScriptedTokens.Count("营收多少？"), usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(10, usage.GetProperty("completion_tokens").GetInt32()); // 年度营收为 12 亿元。: ten non-space characters
        Assert.Equal(usage.GetProperty("prompt_tokens").GetInt32() + 10, usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task WithUsageAndFinishReason_AreReportedAsScripted()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Stream("一", "二").WithFinishReason("length").WithUsage(100, 7));
        using var client = ModelHttp.Client();

        var json = await (await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("数一数"))).JsonAsync();

        var choice = json.GetProperty("choices")[0];
        Assert.Equal("一二", choice.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("length", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(100, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, json.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(107, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_SendsRoleChunkPiecesFinishChunkUsageChunkThenDone()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Stream("问津", "是", "文档问答。"));
        using var client = ModelHttp.Client();

        using var response = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("问津是什么？", stream: true, includeUsage: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await response.ReadEventsAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal(6, chunks.Count); // role, three pieces, finish, usage
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        Assert.Single(chunks.Select(c => c.GetProperty("id").GetString()).Distinct());
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        string[] pieces = [.. chunks.Skip(1).Take(3).Select(c => c.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString()!)];
        Assert.Equal(["问津", "是", "文档问答。"], pieces);
        Assert.All(chunks.Take(4), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind));
        Assert.Equal("stop", chunks[4].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Empty(chunks[5].GetProperty("choices").EnumerateArray());
        Assert.Equal(ScriptedTokens.Count("问津是文档问答。"), chunks[5].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_WithoutIncludeUsage_SendsNoUsage_AndReplyStreamsAsOnePiece()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Reply("一句话。"));
        using var client = ModelHttp.Client();

        using var response = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("说一句", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await response.ReadEventsAsync();

        Assert.Equal(4, events.Count); // role, the reply, finish, [DONE]
        Assert.Equal("一句话。", JsonDocument.Parse(events[1]).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
        Assert.DoesNotContain(events, e => e.Contains("usage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status429_ThenReply_AreTakenInQueueOrder()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Status(429, retryAfterSeconds: 1), ChatScript.Reply("好了"));
        using var client = ModelHttp.Client();

        using var limited = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("你好"));
        using var answered = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("你好"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter?.Delta);
        var error = (await limited.JsonAsync()).GetProperty("error");
        Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("好了", (await answered.JsonAsync()).GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal([429, 200], server.ChatRequests.Select(r => r.StatusCode));
        Assert.Equal(0, server.Chat.Pending);
    }

    [Fact]
    public async Task Status500_HasServerErrorBodyWithTheScriptedMessage()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Status(500, message: "CUDA out of memory"));
        using var client = ModelHttp.Client();

        using var response = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("你好"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal("CUDA out of memory", error.GetProperty("message").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Default_AnswersFromTheRequest_AfterTheQueueIsEmpty()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Reply("排队的"));
        server.Chat.Default = request => ChatScript.Reply($"[{request.Model}] {request.SystemPrompt} → {request.LastUserMessage}");
        using var client = ModelHttp.Client();

        var first = await (await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("一"))).JsonAsync();
        var second = await (await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("二", model: "deepseek-chat"))).JsonAsync();

        Assert.Equal("排队的", first.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("[deepseek-chat] 只根据资料回答。 → 二", second.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task NothingScripted_Is500SayingSo_AndAThrowingDefaultIs500NamingIt()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        using var client = ModelHttp.Client();

        using var unscripted = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("你好"));
        server.Chat.Default = _ => throw new InvalidOperationException("boom");
        using var throwing = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("你好"));

        Assert.Equal(HttpStatusCode.InternalServerError, unscripted.StatusCode);
        Assert.Contains("ScriptedChat.Default is not set", (await unscripted.JsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, throwing.StatusCode);
        Assert.Contains("InvalidOperationException: boom", (await throwing.JsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidBody_Is400_AndTakesNoScript()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Reply("留着"));
        using var client = ModelHttp.Client();

        using var notJson = await client.PostAsync(server, "chat/completions", "{\"model\":");
        using var noMessages = await client.PostAsync(server, "chat/completions", "{\"model\":\"m\"}");

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noMessages.StatusCode);
        Assert.Contains("messages", (await noMessages.JsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, server.Chat.Pending);
    }

    [Fact]
    public async Task Delay_EndsWhenTheClientTimesOut_AndTheServerKeepsServing()
    {
        // The delay outlasts every bound below: only the server honouring the abort lets the request end.
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Delay(TimeSpan.FromSeconds(120), ChatScript.Reply("太迟了")), ChatScript.Reply("及时"));
        using var impatient = ModelHttp.Client(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.PostAsync(server, "chat/completions", ModelHttp.ChatBody("慢")));

        await ModelHttp.EventuallyAsync(() => server.ChatRequests.Count == 1 && server.ChatRequests[0].Aborted, "the delayed request to be recorded as aborted");
        Assert.Equal(0, server.ChatRequests[0].StatusCode);
        using var client = ModelHttp.Client();
        var json = await (await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("快"))).JsonAsync();
        Assert.Equal("及时", json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Delay_ThenAnswers_WhenTheClientWaits()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Default = _ => ChatScript.Reply("默认");
        server.Chat.Enqueue(ChatScript.Delay(TimeSpan.FromMilliseconds(200)));
        using var client = ModelHttp.Client();
        var watch = Stopwatch.StartNew();

        var json = await (await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("等"))).JsonAsync();

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"Answered after {watch.Elapsed}.");
        Assert.Equal("默认", json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task MalformedJson_Is200WithABodyThatDoesNotParse()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.MalformedJson(), ChatScript.MalformedJson());
        using var client = ModelHttp.Client();

        using var plain = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("坏"));
        using var streamed = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("坏", stream: true), HttpCompletionOption.ResponseHeadersRead);
        var events = await streamed.ReadEventsAsync();

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        string body = await plain.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal("[DONE]", events[^1]);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(events[0]));
    }

    [Fact]
    public async Task Truncated_CutsTheStreamBeforeFinishAndDone()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Truncated("第一段"), ChatScript.Truncated("第一段"));
        using var client = ModelHttp.Client();

        using var streamed = await client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("断", stream: true), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await streamed.Content.ReadAsStreamAsync());
        var received = new List<string>();
        var cut = await Record.ExceptionAsync(async () =>
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                received.Add(line);
            }
        });

        Assert.Equal(HttpRequestError.ResponseEnded, Assert.IsType<HttpIOException>(cut).HttpRequestError);
        Assert.Contains(received, l => l.Contains("第一段", StringComparison.Ordinal));
        Assert.DoesNotContain(received, l => l.Contains("[DONE]", StringComparison.Ordinal) || l.Contains("\"stop\"", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsync(server, "chat/completions", ModelHttp.ChatBody("断")));
        await ModelHttp.EventuallyAsync(() => server.ChatRequests.All(r => r.Aborted), "both truncated requests to be recorded as aborted");
    }
}
