using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Wenjin.Server.Tests.Apis;

public sealed class OpenApiAndUiTests
{
    [Fact]
    public async Task OpenApi_document_describes_every_endpoint_and_has_a_browsable_page()
    {
        await using var server = await TestServer.StartAsync();
        var document = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        foreach (string path in new[]
        {
            "/api/kbs", "/api/kbs/{kb}", "/api/kbs/{kb}/documents", "/api/kbs/{kb}/documents/{id}", "/api/kbs/{kb}/documents/{id}/content",
            "/api/kbs/{kb}/search", "/api/kbs/{kb}/ask", "/api/kbs/{kb}/conversations", "/api/kbs/{kb}/conversations/{id}",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }

        var page = await server.Client.GetAsync("/api-docs/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_web_ui_is_served_from_the_assembly_with_etags()
    {
        await using var server = await TestServer.StartAsync();
        var index = await server.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        string html = await index.Content.ReadAsStringAsync();
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html.Replace("https://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        var script = await server.Client.GetAsync("/js/main.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/js/main.js");
        conditional.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await server.Client.SendAsync(conditional)).StatusCode);

        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/no/such/file.js"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/unknown"), HttpStatusCode.NotFound);
    }
}
