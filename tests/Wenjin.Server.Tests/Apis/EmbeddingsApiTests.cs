using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Server.Tests.Apis;

/// <summary>The server configured with an embedding model (Wenjin:Embeddings:*): background embedding, status, hybrid search.</summary>
public sealed class EmbeddingsApiTests
{
    [Fact]
    public async Task Uploaded_documents_are_embedded_in_the_background_and_search_is_hybrid()
    {
        await using var model = await ScriptedModelServer.StartAsync();
        model.Embeddings.Default = ScriptedVectors.Generator(32);
        await using var server = await TestServer.StartAsync(settings:
        [
            "--Wenjin:Embeddings:BaseUrl", model.BaseUrl.ToString(), "--Wenjin:Embeddings:Model", "scripted-bge",
            "--Wenjin:Hybrid:Fusion", "Weighted", "--Wenjin:Hybrid:VectorWeight", "0.4",
        ]);
        await server.UploadAsync("reports", (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("reports", 1);

        JsonElement status = default;
        for (int attempt = 0; attempt < 600; attempt++)
        {
            status = await server.Client.GetFromJsonAsync<JsonElement>("/api/kbs/reports/embeddings", TestContext.Current.CancellationToken);
            if (status.GetProperty("pending").GetInt64() == 0 && status.GetProperty("embedded").GetInt64() > 0)
            {
                break;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal("scripted-bge", status.GetProperty("configuredModel").GetString());
        Assert.Equal("scripted-bge", status.GetProperty("model").GetString());
        Assert.Equal(32, status.GetProperty("dimensions").GetInt32());
        Assert.Equal(status.GetProperty("chunks").GetInt64(), status.GetProperty("embedded").GetInt64());
        Assert.False(status.GetProperty("stale").GetBoolean());

        var search = await server.Client.PostAsJsonAsync("/api/kbs/reports/search", new { query = "住宿费标准", top = 3, explain = true }, TestContext.Current.CancellationToken);
        var body = await search.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("weighted fusion, sum of:", body.GetProperty("hits")[0].GetProperty("explanation").GetProperty("description").GetString());

        var missing = await server.Client.GetAsync("/api/kbs/nope/embeddings", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
