using System.ClientModel;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary>
/// The OpenAI .NET client through Microsoft.Extensions.AI's IChatClient against the scripted server: the wire format is
/// one that real client parses, and what it sends is recorded.
/// </summary>
public sealed class OpenAIChatClientTests
{
    private static readonly ChatMessage[] Prompt =
    [
        new(ChatRole.System, "只根据资料回答，并标注引用。"),
        new(ChatRole.User, "问津支持哪些文档格式？"),
    ];

    [Fact]
    public async Task GetResponse_ReturnsTheScriptedTextAndUsage()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Reply("支持 PDF、DOCX、HTML、Markdown 和纯文本。[1]").WithUsage(40, 12));
        using var chat = OpenAIClients.Chat(server);

        var response = await chat.GetResponseAsync(Prompt);

        Assert.Equal("支持 PDF、DOCX、HTML、Markdown 和纯文本。[1]", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(OpenAIClients.ChatModel, response.ModelId);
        Assert.Equal(40, response.Usage?.InputTokenCount);
        Assert.Equal(12, response.Usage?.OutputTokenCount);
        Assert.Equal(52, response.Usage?.TotalTokenCount);
    }

    [Fact]
    public async Task TheRecordedRequest_CarriesKeyModelAndPrompt()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Default = request => ChatScript.Reply("回声：" + request.LastUserMessage);
        using var chat = OpenAIClients.Chat(server);

        var response = await chat.GetResponseAsync(Prompt, new ChatOptions { Temperature = 0.1f, MaxOutputTokens = 256 });

        Assert.Equal("回声：问津支持哪些文档格式？", response.Text);
        var recorded = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", recorded.Path);
        Assert.Equal("Bearer k", recorded.Authorization);
        Assert.Equal(OpenAIClients.ChatModel, recorded.Model);
        var request = recorded.Chat!;
        Assert.Equal(["system", "user"], request.Messages.Select(m => m.Role));
        Assert.Equal("只根据资料回答，并标注引用。", request.SystemPrompt);
        Assert.Equal("问津支持哪些文档格式？", request.LastUserMessage);
        Assert.False(request.Stream);
        Assert.Equal(256, request.MaxTokens);
        Assert.Equal(0.1, request.Temperature!.Value, 3);
    }

    [Fact]
    public async Task GetStreamingResponse_YieldsThePiecesInOrder_WithUsage()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Stream("支持", " PDF", "、DOCX", " 等格式。"));
        using var chat = OpenAIClients.Chat(server);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(Prompt))
        {
            updates.Add(update);
        }

        Assert.Equal(["支持", " PDF", "、DOCX", " 等格式。"], updates.Select(u => u.Text).Where(t => t.Length > 0));
        var response = updates.ToChatResponse();
        Assert.Equal("支持 PDF、DOCX 等格式。", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(ScriptedTokens.Count("支持 PDF、DOCX 等格式。"), response.Usage?.OutputTokenCount);
        var request = server.Requests.Single().Chat!;
        Assert.True(request.Stream);
        Assert.True(request.IncludeUsage);
    }

    [Fact]
    public async Task RateLimited_ThenAnswered_IsRetriedByTheClient()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Status(429, retryAfterSeconds: 0), ChatScript.Status(503), ChatScript.Reply("第三次成功"));
        using var chat = OpenAIClients.Chat(server, retries: 3);

        var response = await chat.GetResponseAsync(Prompt);

        Assert.Equal("第三次成功", response.Text);
        Assert.Equal([429, 503, 200], server.ChatRequests.Select(r => r.StatusCode));
        Assert.All(server.ChatRequests, r => Assert.Equal("问津支持哪些文档格式？", r.Chat!.LastUserMessage));
    }

    [Fact]
    public async Task ServerError_WithoutRetries_IsAClientResultExceptionWithTheStatusAndMessage()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Status(500, message: "model crashed"));
        using var chat = OpenAIClients.Chat(server);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.GetResponseAsync(Prompt));

        Assert.Equal(500, error.Status);
        Assert.Contains("model crashed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delay_BeyondTheClientTimeout_Fails_AndTheServerSeesTheAbort()
    {
        // The delay outlasts every bound below: only a client timeout ending the call, and the server honouring the
        // abort, let this test finish.
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Delay(TimeSpan.FromSeconds(120), ChatScript.Reply("太迟了")));
        using var chat = OpenAIClients.Chat(server, timeout: TimeSpan.FromSeconds(2));

        await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync(Prompt));

        await ModelHttp.EventuallyAsync(() => server.Requests.Count == 1 && server.Requests[0].Aborted, "the delayed request to be recorded as aborted");
    }

    [Fact]
    public async Task MalformedJson_IsAnErrorFromTheClient()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.MalformedJson());
        using var chat = OpenAIClients.Chat(server);

        await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync(Prompt));
    }

    [Fact]
    public async Task TruncatedStream_FailsAfterTheFirstPieces()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Chat.Enqueue(ChatScript.Truncated("支持", " PDF"));
        using var chat = OpenAIClients.Chat(server);
        var texts = new List<string>();

        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var update in chat.GetStreamingResponseAsync(Prompt))
            {
                texts.Add(update.Text);
            }
        });

        Assert.NotNull(error);
        Assert.Equal(["支持", " PDF"], texts.Where(t => t.Length > 0));
    }
}
