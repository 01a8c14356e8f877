using Microsoft.Extensions.AI;
using Wenjin.Errors;
using Wenjin.Hosting.Models;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Hosting.Tests.Models;

/// <summary>The embedding generator Wenjin builds from configuration, over real HTTP to a scripted OpenAI-compatible server.</summary>
public sealed class EmbeddingGeneratorTests : IAsyncDisposable
{
    private ScriptedModelServer? _server;

    [Fact]
    public async Task Returns_the_servers_vectors_and_sends_model_and_key()
    {
        var (server, generator) = await StartAsync(dimensions: 64);
        server.Embeddings.Default = ScriptedVectors.Generator(64);

        var embeddings = await generator.GenerateAsync(["千卡并行的有效算力", "数据中心年均PUE"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(ScriptedVectors.For("千卡并行的有效算力", 64), embeddings[0].Vector.ToArray());
        var request = Assert.Single(server.EmbeddingRequests);
        Assert.Equal("scripted-embedding", request.Model);
        Assert.Equal("key", request.ApiKey);
    }

    [Fact]
    public async Task Vectors_of_the_wrong_dimension_are_a_clear_error()
    {
        var (server, generator) = await StartAsync(dimensions: 64);
        server.Embeddings.Enqueue(EmbeddingScript.WrongDimension(32));

        var error = await Assert.ThrowsAsync<WenjinException>(() => generator.GenerateAsync(["文本"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("32", error.Message, StringComparison.Ordinal);
        Assert.Contains("64", error.Message, StringComparison.Ordinal);
        Assert.Contains("scripted-embedding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_dimension_the_first_one_seen_is_kept()
    {
        var (server, generator) = await StartAsync(dimensions: null);
        server.Embeddings.Enqueue(EmbeddingScript.Vectors(ScriptedVectors.For("a", 16)), EmbeddingScript.WrongDimension(8));

        await generator.GenerateAsync(["a"], cancellationToken: TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<WenjinException>(() => generator.GenerateAsync(["b"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("8 dimensions where 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_is_retried()
    {
        var (server, generator) = await StartAsync(dimensions: 16);
        server.Embeddings.Enqueue(EmbeddingScript.Status(429, retryAfterSeconds: 0));
        server.Embeddings.Default = ScriptedVectors.Generator(16);

        var embeddings = await generator.GenerateAsync(["文本"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Single(embeddings);
        Assert.Equal(2, server.EmbeddingRequests.Count);
    }

    [Fact]
    public async Task The_same_text_is_embedded_once()
    {
        var (server, generator) = await StartAsync(dimensions: 16);
        server.Embeddings.Default = ScriptedVectors.Generator(16);
        var ct = TestContext.Current.CancellationToken;

        var first = await generator.GenerateAsync(["甲", "乙"], cancellationToken: ct);
        var second = await generator.GenerateAsync(["乙", "丙"], cancellationToken: ct);

        Assert.Equal(2, server.EmbeddingRequests.Count);
        Assert.Equal(["丙"], server.EmbeddingRequests[1].Embedding!.Inputs);
        Assert.Equal(first[1].Vector.ToArray(), second[0].Vector.ToArray());
        Assert.Equal(ScriptedVectors.For("丙", 16), second[1].Vector.ToArray());
    }

    [Fact]
    public void Not_configured_means_no_generator()
    {
        Assert.Null(ModelClients.CreateEmbeddingGenerator(new EmbeddingModelOptions()));
        Assert.Throws<WenjinException>(() => ModelClients.CreateEmbeddingGenerator(new EmbeddingModelOptions { BaseUrl = "ftp://x", Model = "m" }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<(ScriptedModelServer Server, IEmbeddingGenerator<string, Embedding<float>> Generator)> StartAsync(int? dimensions)
    {
        _server = await ScriptedModelServer.StartAsync(TestContext.Current.CancellationToken);
        var generator = ModelClients.CreateEmbeddingGenerator(new EmbeddingModelOptions
        {
            BaseUrl = _server.BaseUrl.ToString(),
            Model = "scripted-embedding",
            ApiKey = "key",
            Dimensions = dimensions,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        })!;
        return (_server, generator);
    }
}
