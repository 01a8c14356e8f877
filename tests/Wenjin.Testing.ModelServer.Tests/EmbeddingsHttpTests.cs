using System.Buffers.Binary;
using System.Net;
using System.Text.Json;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary><c>POST /v1/embeddings</c> over plain HTTP: one vector per input, in order, as floats or base64.</summary>
public sealed class EmbeddingsHttpTests
{
    [Fact]
    public async Task StringInput_IsAListWithOneEmbedding()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Default = ScriptedVectors.Generator(8);
        using var client = ModelHttp.Client();

        using var response = await client.PostAsync(server, "embeddings", """{"model":"bge-m3","input":"问津文档问答"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("list", json.GetProperty("object").GetString());
        Assert.Equal("bge-m3", json.GetProperty("model").GetString());
        var item = Assert.Single(json.GetProperty("data").EnumerateArray());
        Assert.Equal("embedding", item.GetProperty("object").GetString());
        Assert.Equal(0, item.GetProperty("index").GetInt32());
        Assert.Equal(ScriptedVectors.For("问津文档问答", 8), Floats(item.GetProperty("embedding")));
        Assert.Equal(6, json.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(6, json.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task ArrayInput_GivesOneEmbeddingPerInputInOrder()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Default = ScriptedVectors.Generator(16);
        using var client = ModelHttp.Client();
        string[] inputs = ["第一段", "第二段", "third"];

        var json = await (await client.PostAsync(server, "embeddings", JsonSerializer.Serialize(new { model = "bge-m3", input = inputs }))).JsonAsync();

        var data = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], data.Select(d => d.GetProperty("index").GetInt32()));
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(ScriptedVectors.For(inputs[i], 16), Floats(data[i].GetProperty("embedding")));
        }

        Assert.Equal(inputs, server.EmbeddingRequests.Single().Embedding!.Inputs);
    }

    [Fact]
    public async Task Base64Format_IsLittleEndianFloat32()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Enqueue(EmbeddingScript.Vectors([0.5f, -1.25f, 3f]));
        using var client = ModelHttp.Client();

        var json = await (await client.PostAsync(server, "embeddings", """{"model":"m","input":["x"],"encoding_format":"base64"}""")).JsonAsync();

        byte[] bytes = json.GetProperty("data")[0].GetProperty("embedding").GetBytesFromBase64();
        float[] values = [.. Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4)))];
        Assert.Equal([0.5f, -1.25f, 3f], values);
        Assert.Equal("base64", server.EmbeddingRequests.Single().Embedding!.EncodingFormat);
    }

    [Fact]
    public async Task WrongDimension_AnswersVectorsOfThatSize_ThenDefaultAgain()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Default = ScriptedVectors.Generator(8);
        server.Embeddings.Enqueue(EmbeddingScript.WrongDimension(3));
        using var client = ModelHttp.Client();

        var wrong = await (await client.PostAsync(server, "embeddings", """{"model":"m","input":["甲","乙"]}""")).JsonAsync();
        var right = await (await client.PostAsync(server, "embeddings", """{"model":"m","input":["甲","乙"]}""")).JsonAsync();

        Assert.All(wrong.GetProperty("data").EnumerateArray(), d => Assert.Equal(3, d.GetProperty("embedding").GetArrayLength()));
        Assert.Equal(2, wrong.GetProperty("data").GetArrayLength());
        Assert.All(right.GetProperty("data").EnumerateArray(), d => Assert.Equal(8, d.GetProperty("embedding").GetArrayLength()));
    }

    [Fact]
    public async Task Status_Malformed_AndNothingScripted_AreErrorsAClientCanTellApart()
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Enqueue(EmbeddingScript.Status(503, retryAfterSeconds: 2), EmbeddingScript.MalformedJson());
        using var client = ModelHttp.Client();
        const string Body = """{"model":"m","input":"x"}""";

        using var unavailable = await client.PostAsync(server, "embeddings", Body);
        using var malformed = await client.PostAsync(server, "embeddings", Body);
        using var unscripted = await client.PostAsync(server, "embeddings", Body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), unavailable.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        string malformedBody = await malformed.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(malformedBody));
        Assert.Equal(HttpStatusCode.InternalServerError, unscripted.StatusCode);
        Assert.Contains("ScriptedEmbeddings.Default is not set", (await unscripted.JsonAsync()).GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","input":[]}""")]
    [InlineData("""{"model":"m","input":[1,2,3]}""")]
    [InlineData("""{"model":"m","input":"x","encoding_format":"int8"}""")]
    public async Task InvalidInput_Is400(string body)
    {
        await using var server = await ScriptedModelServer.StartAsync();
        server.Embeddings.Default = ScriptedVectors.Generator(4);
        using var client = ModelHttp.Client();

        using var response = await client.PostAsync(server, "embeddings", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", (await response.JsonAsync()).GetProperty("error").GetProperty("type").GetString());
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];
}
