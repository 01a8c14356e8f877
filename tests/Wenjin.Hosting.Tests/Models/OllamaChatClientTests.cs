using System.Text.Json;
using Microsoft.Extensions.AI;
using Polly.Timeout;
using Wenjin.Errors;
using Wenjin.Hosting.Models;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Hosting.Tests.Models;

/// <summary>
/// The chat client Wenjin builds for Provider=Ollama: OllamaSharp over real HTTP to the scripted server's /api/chat,
/// inside the same retry, timeout and concurrency decorators as the OpenAI path.
/// </summary>
public sealed class OllamaChatClientTests : IAsyncDisposable
{
    /// <summary>Ends a test that would otherwise hang on a stream nobody cancels; never reached when the client works.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private ScriptedModelServer? _server;
    private IChatClient? _client;

    private static ChatMessage[] Messages => [new(ChatRole.System, "只根据资料回答。"), new(ChatRole.User, "问津是什么？")];

    [Fact]
    public async Task A_reply_comes_back_with_its_usage_and_the_request_is_ollamas()
    {
        var (server, client) = await StartAsync();
        server.Chat.Enqueue(ChatScript.Reply("问津是文档问答。").WithUsage(30, 8));

        var response = await client.GetResponseAsync(Messages, new ChatOptions { Temperature = 0.1f, MaxOutputTokens = 64 }, TestContext.Current.CancellationToken);

        Assert.Equal("问津是文档问答。", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(30, response.Usage?.InputTokenCount);
        Assert.Equal(8, response.Usage?.OutputTokenCount);
        var sent = Assert.Single(server.ChatRequests);
        Assert.Equal("/api/chat", sent.Path);
        Assert.Equal("qwen2.5:7b", sent.Model);
        Assert.Equal("key", sent.ApiKey);
        Assert.False(sent.Chat!.Stream);
        Assert.Equal(64, sent.Chat.MaxTokens);
        Assert.Equal(0.1, sent.Chat.Temperature!.Value, 3);
        Assert.Equal("只根据资料回答。", sent.Chat.SystemPrompt);
        Assert.Equal("问津是什么？", sent.Chat.LastUserMessage);
    }

    [Fact]
    public async Task A_streamed_reply_arrives_piece_by_piece()
    {
        var (server, client) = await StartAsync();
        server.Chat.Enqueue(ChatScript.Stream("问津", "是", "文档问答。"));

        var updates = await client.GetStreamingResponseAsync(Messages, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["问津", "是", "文档问答。"], updates.Select(u => u.Text).Where(t => t.Length > 0));
        Assert.Equal(ChatFinishReason.Stop, updates[^1].FinishReason);
        Assert.True(Assert.Single(server.ChatRequests).Chat!.Stream);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_429_and_a_503_are_retried(bool stream)
    {
        var (server, client) = await StartAsync();
        server.Chat.Enqueue(ChatScript.Status(429, retryAfterSeconds: 0), ChatScript.Status(503), ChatScript.Stream("好", "的"));

        string text = await AskAsync(client, stream);

        Assert.Equal("好的", text);
        Assert.Equal([429, 503, 200], server.ChatRequests.Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_attempt_that_times_out_is_retried(bool stream)
    {
        var (server, client) = await StartAsync(timeout: TimeSpan.FromSeconds(2));
        server.Chat.Enqueue(ChatScript.Delay(TimeSpan.FromMinutes(5)), ChatScript.Reply("第二次"));

        string text = await AskAsync(client, stream);

        Assert.Equal("第二次", text);
        Assert.Equal(2, server.ChatRequests.Count);
        await Eventually.TrueAsync(() => server.ChatRequests[0].Aborted, "the first attempt to be aborted");
    }

    [Fact]
    public async Task A_stream_that_stalls_before_its_first_piece_is_retried()
    {
        var (server, client) = await StartAsync(timeout: TimeSpan.FromSeconds(2));
        server.Chat.Enqueue(ChatScript.Stall(), ChatScript.Stream("终于", "来了"));

        string text = await AskAsync(client, stream: true).WaitAsync(HangGuard, TestContext.Current.CancellationToken);

        Assert.Equal("终于来了", text);
        await Eventually.TrueAsync(() => server.ChatRequests[0].Aborted, "the stalled attempt to be aborted");
    }

    /// <summary>
    /// Cancelled at once, OllamaSharp ends its loop quietly between lines (which must not pass for a whole answer);
    /// cancelled a little later, the client is waiting for a line that never comes (which must not hang).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    public async Task Cancelling_a_stream_that_stalls_mid_answer_ends_it(int cancelAfterMilliseconds)
    {
        var (server, client) = await StartAsync();
        server.Chat.Enqueue(ChatScript.Stall("一"));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var pieces = new List<string>();

        async Task ReadAsync()
        {
            await foreach (var update in client.GetStreamingResponseAsync(Messages, cancellationToken: cancel.Token))
            {
                pieces.Add(update.Text);
                cancel.CancelAfter(cancelAfterMilliseconds);
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync().WaitAsync(HangGuard, TestContext.Current.CancellationToken));

        Assert.Equal(["一"], pieces);
        await Eventually.TrueAsync(() => server.ChatRequests[0].Aborted, "the stream to be aborted");
    }

    [Fact]
    public async Task A_model_that_never_answers_is_a_timeout_after_the_retries()
    {
        var (server, client) = await StartAsync(timeout: TimeSpan.FromMilliseconds(500), maxRetries: 1);
        server.Chat.Default = _ => ChatScript.Delay(TimeSpan.FromMinutes(5));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetResponseAsync(Messages, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(2, server.ChatRequests.Count);
    }

    [Fact]
    public async Task A_missing_model_is_not_retried_and_says_what_ollama_said()
    {
        var (server, client) = await StartAsync();
        server.Chat.Enqueue(ChatScript.Status(404, message: "model \"qwen2.5:7b\" not found, try pulling it first"));

        var error = await Assert.ThrowsAsync<ModelHttpException>(() => client.GetResponseAsync(Messages, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("try pulling it first", error.Message, StringComparison.Ordinal);
        Assert.Single(server.ChatRequests);
    }

    [Fact]
    public async Task A_malformed_answer_fails_at_once()
    {
        var (server, client) = await StartAsync();
        server.Chat.Enqueue(ChatScript.MalformedJson());

        await Assert.ThrowsAsync<JsonException>(() => client.GetResponseAsync(Messages, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Single(server.ChatRequests);
    }

    [Fact]
    public void A_base_url_ending_in_v1_is_refused_for_ollama()
    {
        var error = Assert.Throws<WenjinException>(() => ModelClients.CreateChatClient(new ChatModelOptions { Provider = ModelProvider.Ollama, BaseUrl = "http://127.0.0.1:11434/v1", Model = "m" }));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Contains("Ollama root", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static async Task<string> AskAsync(IChatClient client, bool stream)
    {
        var ct = TestContext.Current.CancellationToken;
        if (!stream)
        {
            return (await client.GetResponseAsync(Messages, cancellationToken: ct)).Text;
        }

        return string.Concat(await client.GetStreamingResponseAsync(Messages, cancellationToken: ct).Select(u => u.Text).ToListAsync(ct));
    }

    private async Task<(ScriptedModelServer Server, IChatClient Client)> StartAsync(TimeSpan? timeout = null, int maxRetries = 3)
    {
        _server = await ScriptedModelServer.StartAsync(TestContext.Current.CancellationToken);
        _client = ModelClients.CreateChatClient(new ChatModelOptions
        {
            Provider = ModelProvider.Ollama,
            BaseUrl = _server.RootUrl.ToString(),
            Model = "qwen2.5:7b",
            ApiKey = "key",
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        })!;
        return (_server, _client);
    }
}
