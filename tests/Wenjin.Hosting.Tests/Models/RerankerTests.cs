using System.Net;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Wenjin.Errors;
using Wenjin.Hosting.Models;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Hosting.Tests.Models;

/// <summary>The reranker Wenjin builds from configuration, over real HTTP to the scripted server in both rerank styles.</summary>
public sealed class RerankerTests : IAsyncDisposable
{
    private const string Query = "数据中心年均PUE是多少";

    private static readonly string[] Documents =
    [
        "公司总部位于杭州。",
        "数据中心年均PUE为1.25。",
        "年均营收增长两成。",
    ];

    private ScriptedModelServer? _server;

    [Fact]
    public async Task Cohere_style_scores_each_document_in_input_order()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Cohere);

        var scores = await reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken);

        Assert.Equal(Documents.Select(d => ScriptedRelevance.SharedCharacters(Query, d)), scores);
        Assert.True(scores[1] > scores[0] && scores[1] > scores[2]);
        var sent = Assert.Single(server.RerankRequests);
        Assert.Equal("/v1/rerank", sent.Path);
        Assert.Equal("key", sent.ApiKey);
        Assert.Equal(ScriptedRerankStyle.Cohere, sent.Rerank!.Style);
        Assert.Equal("bge-reranker-v2-m3", sent.Rerank.Model);
        Assert.Equal(Query, sent.Rerank.Query);
        Assert.Equal(Documents, sent.Rerank.Documents);
        Assert.Equal(3, sent.Rerank.TopN);
    }

    [Fact]
    public async Task Tei_style_scores_each_document_in_input_order()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Tei);

        var scores = await reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken);

        Assert.Equal(Documents.Select(d => ScriptedRelevance.SharedCharacters(Query, d)), scores);
        var sent = Assert.Single(server.RerankRequests);
        Assert.Equal("/rerank", sent.Path);
        Assert.Equal(ScriptedRerankStyle.Tei, sent.Rerank!.Style);
        Assert.Equal(Documents, sent.Rerank.Documents);
    }

    [Theory]
    [InlineData(RerankStyle.Cohere)]
    [InlineData(RerankStyle.Tei)]
    public async Task Results_listed_out_of_order_are_put_back_in_input_order(RerankStyle style)
    {
        var (server, reranker) = await StartAsync(style);
        server.Rerank.Enqueue(RerankScript.Results((2, 0.9), (0, 0.5), (1, 0.1)));

        var scores = await reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken);

        Assert.Equal([0.5, 0.1, 0.9], scores);
    }

    [Fact]
    public async Task A_429_then_success_is_retried()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Cohere);
        server.Rerank.Enqueue(RerankScript.Status(429, retryAfterSeconds: 0), RerankScript.Scores(0.2, 0.8, 0.1));

        var scores = await reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken);

        Assert.Equal([0.2, 0.8, 0.1], scores);
        Assert.Equal([429, 200], server.RerankRequests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_refused_request_is_not_retried_and_says_what_the_server_said()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Tei);
        server.Rerank.Enqueue(RerankScript.Status(413, message: "Input validation error: `inputs` must have less than 512 tokens"));

        var error = await Assert.ThrowsAsync<ModelHttpException>(() => reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, error.StatusCode);
        Assert.Contains("less than 512 tokens", error.Message, StringComparison.Ordinal);
        Assert.Single(server.RerankRequests);
    }

    [Theory]
    [InlineData(RerankStyle.Cohere)]
    [InlineData(RerankStyle.Tei)]
    public async Task Malformed_json_is_an_internal_error_and_not_retried(RerankStyle style)
    {
        var (server, reranker) = await StartAsync(style);
        server.Rerank.Enqueue(RerankScript.MalformedJson());

        var error = await Assert.ThrowsAsync<WenjinException>(() => reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken));

        Assert.Equal(WenjinErrorKind.Internal, error.Kind);
        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        Assert.Single(server.RerankRequests);
    }

    [Fact]
    public async Task An_index_out_of_range_is_an_internal_error()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Cohere);
        server.Rerank.Enqueue(RerankScript.Results((0, 0.5), (1, 0.4), (3, 0.3)));

        var error = await Assert.ThrowsAsync<WenjinException>(() => reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken));

        Assert.Equal(WenjinErrorKind.Internal, error.Kind);
        Assert.Contains("document 3, but 3 documents were sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_left_without_a_score_is_an_internal_error()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Tei);
        server.Rerank.Enqueue(RerankScript.Results((2, 0.9), (0, 0.5)));

        var error = await Assert.ThrowsAsync<WenjinException>(() => reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken));

        Assert.Contains("2 scores for 3 documents (none for document 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_scored_twice_is_an_internal_error()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Cohere);
        server.Rerank.Enqueue(RerankScript.Results((0, 0.9), (1, 0.5), (1, 0.4)));

        var error = await Assert.ThrowsAsync<WenjinException>(() => reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken));

        Assert.Contains("scored document 1 twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_scores_than_documents_is_an_internal_error()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Tei);
        server.Rerank.Enqueue(RerankScript.Scores(0.1, 0.2, 0.3, 0.4));

        var error = await Assert.ThrowsAsync<WenjinException>(() => reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken));

        Assert.Contains("document 3, but 3 documents were sent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_a_timeout_after_the_retries()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Cohere, timeout: TimeSpan.FromMilliseconds(500), maxRetries: 1);
        server.Rerank.Enqueue(RerankScript.Delay(TimeSpan.FromMinutes(5)), RerankScript.Delay(TimeSpan.FromMinutes(5)));

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken));

        Assert.Equal(2, server.RerankRequests.Count);
        await Eventually.TrueAsync(() => server.RerankRequests.All(r => r.Aborted), "both attempts to be aborted");
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Tei, timeout: TimeSpan.FromSeconds(2));
        server.Rerank.Enqueue(RerankScript.Delay(TimeSpan.FromMinutes(5)), RerankScript.Scores(0.3, 0.2, 0.1));

        var scores = await reranker.ScoreAsync(Query, Documents, TestContext.Current.CancellationToken);

        Assert.Equal([0.3, 0.2, 0.1], scores);
        Assert.Equal(2, server.RerankRequests.Count);
    }

    [Fact]
    public async Task No_documents_means_no_request()
    {
        var (server, reranker) = await StartAsync(RerankStyle.Cohere);

        var scores = await reranker.ScoreAsync(Query, [], TestContext.Current.CancellationToken);

        Assert.Empty(scores);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Document_text_is_logged_only_at_trace()
    {
        var (server, _) = await StartAsync(RerankStyle.Cohere);
        server.Rerank.Enqueue(RerankScript.Scores(0.2, 0.8, 0.1), RerankScript.Status(400), RerankScript.Scores(0.2, 0.8, 0.1));
        using var debug = new RecordingLoggerFactory(LogLevel.Debug);
        using var trace = new RecordingLoggerFactory(LogLevel.Trace);
        var ct = TestContext.Current.CancellationToken;

        var atDebug = Create(server, RerankStyle.Cohere, debug);
        await atDebug.ScoreAsync(Query, Documents, ct);
        await Assert.ThrowsAsync<ModelHttpException>(() => atDebug.ScoreAsync(Query, Documents, ct));
        await Create(server, RerankStyle.Cohere, trace).ScoreAsync(Query, Documents, ct);

        Assert.Contains(debug.Entries, e => e.Message.Contains("3 documents", StringComparison.Ordinal));
        Assert.Contains(debug.Entries, e => e.Level == LogLevel.Error);
        Assert.DoesNotContain(debug.Entries, e => Documents.Append(Query).Any(text => e.Message.Contains(text, StringComparison.Ordinal)));
        Assert.Contains(trace.Entries, e => e.Level == LogLevel.Trace && e.Message.Contains(Documents[1], StringComparison.Ordinal) && e.Message.Contains(Query, StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_decides_whether_there_is_a_reranker()
    {
        Assert.Null(ModelClients.CreateReranker(new RerankerOptions()));
        Assert.Null(ModelClients.CreateReranker(new RerankerOptions { BaseUrl = "http://127.0.0.1:8000/v1" }));
        Assert.NotNull(ModelClients.CreateReranker(new RerankerOptions { BaseUrl = "http://127.0.0.1:8080", Style = RerankStyle.Tei }));
        var error = Assert.Throws<WenjinException>(() => ModelClients.CreateReranker(new RerankerOptions { BaseUrl = "127.0.0.1:8000", Model = "m" }));
        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Contains("Wenjin:Reranker:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static IReranker Create(ScriptedModelServer server, RerankStyle style, ILoggerFactory? loggers = null, TimeSpan? timeout = null, int maxRetries = 3) =>
        ModelClients.CreateReranker(
            new RerankerOptions
            {
                BaseUrl = (style == RerankStyle.Tei ? server.RootUrl : server.BaseUrl).ToString(),
                Model = style == RerankStyle.Tei ? null : "bge-reranker-v2-m3",
                ApiKey = "key",
                Style = style,
                Timeout = timeout ?? TimeSpan.FromSeconds(10),
                MaxRetries = maxRetries,
                RetryDelay = TimeSpan.FromMilliseconds(10),
            },
            loggers)!;

    private async Task<(ScriptedModelServer Server, IReranker Reranker)> StartAsync(RerankStyle style, TimeSpan? timeout = null, int maxRetries = 3)
    {
        _server = await ScriptedModelServer.StartAsync(TestContext.Current.CancellationToken);
        return (_server, Create(_server, style, timeout: timeout, maxRetries: maxRetries));
    }
}
