using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Wenjin.Server.Tests.Apis;

public sealed class KnowledgeBasesApiTests
{
    [Fact]
    public async Task Create_list_get_delete()
    {
        await using var server = await TestServer.StartAsync();
        var created = await server.Client.PostAsJsonAsync("/api/kbs", new { name = "政策库", description = "各类制度" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/kbs/" + Uri.EscapeDataString("政策库"), created.Headers.Location?.OriginalString);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("政策库", body.GetProperty("name").GetString());
        Assert.Equal("wenjin-zh", body.GetProperty("analyzer").GetProperty("name").GetString());

        var list = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs");
        var only = Assert.Single(list!);
        Assert.Equal("各类制度", only.GetProperty("description").GetString());
        Assert.Equal(0, only.GetProperty("documentCount").GetInt32());

        var one = await server.Client.GetFromJsonAsync<JsonElement>("/api/kbs/" + Uri.EscapeDataString("政策库"));
        Assert.Equal("政策库", one.GetProperty("name").GetString());

        var deleted = await server.Client.DeleteAsync("/api/kbs/" + Uri.EscapeDataString("政策库"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs"))!);
    }

    [Fact]
    public async Task Errors_are_problem_details()
    {
        await using var server = await TestServer.StartAsync();
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/missing"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.DeleteAsync("/api/kbs/missing"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs", new { name = "a b/c" }), HttpStatusCode.BadRequest, "invalidInput");

        Assert.Equal(HttpStatusCode.Created, (await server.Client.PostAsJsonAsync("/api/kbs", new { name = "kb1" })).StatusCode);
        var duplicate = await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs", new { name = "kb1" }), HttpStatusCode.Conflict, "conflict");
        Assert.Contains("kb1", duplicate.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var malformed = await server.Client.PostAsync("/api/kbs", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest);
    }
}
