using Microsoft.Extensions.AI;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary>The OpenAI .NET client through Microsoft.Extensions.AI's IEmbeddingGenerator against the scripted server.</summary>
public sealed class OpenAIEmbeddingGeneratorTests
{
    [Fact]
    public async Task Generate_ReturnsTheDefaultVectorsInInputOrder()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Default = ScriptedVectors.Generator(32);
        using var generator = OpenAIClients.Embeddings(server);
        string[] texts = ["第一章 总则", "第二章 营收", "appendix"];

        var embeddings = await generator.GenerateAsync(texts);

        Assert.Equal(3, embeddings.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(ScriptedVectors.For(texts[i], 32), embeddings[i].Vector.ToArray());
        }

        Assert.Equal(texts.Sum(ScriptedTokens.Count), embeddings.Usage?.InputTokenCount);
        var recorded = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", recorded.Path);
        Assert.Equal("Bearer k", recorded.Authorization);
        Assert.Equal(OpenAIClients.EmbeddingModel, recorded.Model);
        Assert.Equal(texts, recorded.Embedding!.Inputs);
    }

    [Fact]
    public async Task ScriptedVectors_AreReturnedExactly_AndWrongDimensionShows()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Enqueue(EmbeddingScript.Vectors([0.25f, -0.5f, 0.75f]), EmbeddingScript.WrongDimension(5));
        using var generator = OpenAIClients.Embeddings(server);

        var exact = await generator.GenerateVectorAsync("甲");
        var wrong = await generator.GenerateVectorAsync("乙");

        Assert.Equal([0.25f, -0.5f, 0.75f], exact.ToArray());
        Assert.Equal(5, wrong.Length);
    }

    [Fact]
    public async Task RateLimited_ThenAnswered_IsRetriedByTheClient()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Default = ScriptedVectors.Generator(4);
        server.Embeddings.Enqueue(EmbeddingScript.Status(429, retryAfterSeconds: 0));
        using var generator = OpenAIClients.Embeddings(server, retries: 2);

        var vector = await generator.GenerateVectorAsync("重试");

        Assert.Equal(ScriptedVectors.For("重试", 4), vector.ToArray());
        Assert.Equal([429, 200], server.EmbeddingRequests.Select(r => r.StatusCode));
    }
}
