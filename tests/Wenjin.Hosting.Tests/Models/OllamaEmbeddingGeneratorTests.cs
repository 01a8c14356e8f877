using Microsoft.Extensions.AI;
using Wenjin.Errors;
using Wenjin.Hosting.Models;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Hosting.Tests.Models;

/// <summary>
/// The embedding generator Wenjin builds for Provider=Ollama: OllamaSharp over real HTTP to the scripted server's
/// /api/embed, inside the same retry, dimension check and cache as the OpenAI path.
/// </summary>
public sealed class OllamaEmbeddingGeneratorTests : IAsyncDisposable
{
    private ScriptedModelServer? _server;

    [Fact]
    public async Task Returns_the_servers_vectors_in_order_from_api_embed()
    {
        var (server, generator) = await StartAsync(dimensions: 64);
        server.Embeddings.Default = ScriptedVectors.Generator(64);

        var embeddings = await generator.GenerateAsync(["千卡并行的有效算力", "数据中心年均PUE"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ScriptedVectors.For("千卡并行的有效算力", 64), embeddings[0].Vector.ToArray());
        Assert.Equal(ScriptedVectors.For("数据中心年均PUE", 64), embeddings[1].Vector.ToArray());
        var request = Assert.Single(server.EmbeddingRequests);
        Assert.Equal("/api/embed", request.Path);
        Assert.Equal("bge-m3", request.Model);
        Assert.Equal(["千卡并行的有效算力", "数据中心年均PUE"], request.Embedding!.Inputs);
    }

    [Fact]
    public async Task Vectors_of_the_wrong_dimension_are_a_clear_error()
    {
        var (server, generator) = await StartAsync(dimensions: 64);
        server.Embeddings.Enqueue(EmbeddingScript.WrongDimension(32));

        var error = await Assert.ThrowsAsync<WenjinException>(() => generator.GenerateAsync(["文本"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(WenjinErrorKind.Internal, error.Kind);
        Assert.Contains("32 dimensions where 64", error.Message, StringComparison.Ordinal);
        Assert.Contains("bge-m3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_then_success_is_retried()
    {
        var (server, generator) = await StartAsync(dimensions: 16);
        server.Embeddings.Enqueue(EmbeddingScript.Status(429, retryAfterSeconds: 0));
        server.Embeddings.Default = ScriptedVectors.Generator(16);

        var embeddings = await generator.GenerateAsync(["文本"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ScriptedVectors.For("文本", 16), Assert.Single(embeddings).Vector.ToArray());
        Assert.Equal([429, 200], server.EmbeddingRequests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task A_refused_request_is_not_retried()
    {
        var (server, generator) = await StartAsync(dimensions: 16);
        server.Embeddings.Enqueue(EmbeddingScript.Status(400, message: "input length exceeds the context length"));

        var error = await Assert.ThrowsAsync<ModelHttpException>(() => generator.GenerateAsync(["文本"], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("exceeds the context length", error.Message, StringComparison.Ordinal);
        Assert.Single(server.EmbeddingRequests);
    }

    [Fact]
    public async Task The_same_text_is_embedded_once()
    {
        var (server, generator) = await StartAsync(dimensions: 16);
        server.Embeddings.Default = ScriptedVectors.Generator(16);
        var ct = TestContext.Current.CancellationToken;

        await generator.GenerateAsync(["甲", "乙"], cancellationToken: ct);
        var second = await generator.GenerateAsync(["乙", "丙"], cancellationToken: ct);

        Assert.Equal(["丙"], server.EmbeddingRequests[1].Embedding!.Inputs);
        Assert.Equal(ScriptedVectors.For("乙", 16), second[0].Vector.ToArray());
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
            Provider = ModelProvider.Ollama,
            BaseUrl = _server.RootUrl.ToString(),
            Model = "bge-m3",
            Dimensions = dimensions,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(10),
        })!;
        return (_server, generator);
    }
}
