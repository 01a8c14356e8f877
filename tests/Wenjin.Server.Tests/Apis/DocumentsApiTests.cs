using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wenjin.Server.Tests.Apis;

public sealed class DocumentsApiTests
{
    [Fact]
    public async Task Upload_is_accepted_queued_and_indexed_in_the_background()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.UploadAsync("reports", (TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var documents = accepted.GetProperty("documents").EnumerateArray().ToArray();
        Assert.Equal(2, documents.Length);
        Assert.Equal(documents[0].GetProperty("statusUrl").GetString(), response.Headers.Location?.OriginalString);
        Assert.All(documents, d => Assert.Equal("queued", d.GetProperty("status").GetString()));

        var finished = await server.WaitForDocumentsAsync("reports", 2);
        Assert.All(finished, d => Assert.Equal("indexed", d.GetProperty("status").GetString()));

        // The status URL now shows the stored document with the same id.
        string statusUrl = documents[0].GetProperty("statusUrl").GetString()!;
        var status = await server.Client.GetFromJsonAsync<JsonElement>(statusUrl);
        Assert.Equal("indexed", status.GetProperty("status").GetString());
        Assert.Equal(documents[0].GetProperty("id").GetString(), status.GetProperty("id").GetString());
        Assert.Equal(TestData.ReportName, status.GetProperty("sourceId").GetString());
        Assert.Equal("2024年度智算中心建设报告", status.GetProperty("title").GetString());
        Assert.True(status.GetProperty("chunks").GetInt32() > 0);
    }

    [Fact]
    public async Task Content_is_the_text_every_span_points_into()
    {
        await using var server = await TestServer.StartAsync();
        await server.UploadAsync("reports", (TestData.ReportName, TestData.Report));
        var document = Assert.Single(await server.WaitForDocumentsAsync("reports", 1));
        string id = document.GetProperty("id").GetString()!;

        var content = await server.Client.GetFromJsonAsync<JsonElement>($"/api/kbs/reports/documents/{id}/content");
        string text = content.GetProperty("text").GetString()!;
        var chunks = content.GetProperty("chunks").EnumerateArray().ToArray();
        Assert.NotEmpty(chunks);
        Assert.Contains("千卡并行的有效算力达到 92%", text, StringComparison.Ordinal);

        var search = await server.Client.PostAsJsonAsync("/api/kbs/reports/search", new { query = "有效算力" });
        var hit = (await search.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits")[0];
        int start = hit.GetProperty("start").GetInt32(), end = hit.GetProperty("end").GetInt32();
        Assert.Equal(hit.GetProperty("text").GetString(), text[start..end]);
        Assert.Contains(chunks, c => c.GetProperty("id").GetString() == hit.GetProperty("chunkId").GetString() && c.GetProperty("start").GetInt32() == start);
    }

    [Fact]
    public async Task Delete_removes_the_document_from_list_and_search()
    {
        await using var server = await TestServer.StartAsync();
        await server.UploadAsync("reports", (TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy));
        var documents = await server.WaitForDocumentsAsync("reports", 2);
        string id = documents.Single(d => d.GetProperty("sourceId").GetString() == TestData.ReportName).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"/api/kbs/reports/documents/{id}")).StatusCode);
        var left = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/reports/documents");
        Assert.Equal(TestData.PolicyName, Assert.Single(left!).GetProperty("sourceId").GetString());
        var search = await (await server.Client.PostAsJsonAsync("/api/kbs/reports/search", new { query = "有效算力" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(search.GetProperty("hits").EnumerateArray(), h => h.GetProperty("docId").GetString() == id);

        await ProblemAssert.IsProblemAsync(await server.Client.DeleteAsync($"/api/kbs/reports/documents/{id}"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync($"/api/kbs/reports/documents/{id}"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync($"/api/kbs/reports/documents/{id}/content"), HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task A_bad_file_becomes_a_failed_document_with_its_error_and_the_others_are_indexed()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.UploadAsync("mixed", ("坏文件.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 this is not a pdf")), (TestData.PolicyName, TestData.Policy));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var documents = await server.WaitForDocumentsAsync("mixed", 2);
        var bad = documents.Single(d => d.GetProperty("sourceId").GetString() == "坏文件.pdf");
        Assert.Equal("failed", bad.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(bad.GetProperty("error").GetString()));
        Assert.Equal("parse", bad.GetProperty("errorStage").GetString());
        Assert.Equal("indexed", documents.Single(d => d.GetProperty("sourceId").GetString() == TestData.PolicyName).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unsupported_type_is_415_and_nothing_of_the_request_is_queued()
    {
        await using var server = await TestServer.StartAsync();
        var response = await server.UploadAsync("kb", (TestData.PolicyName, TestData.Policy), ("setup.exe", [0x4D, 0x5A, 0x90, 0x00]));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupportedFormat");
        string detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("setup.exe", detail, StringComparison.Ordinal);
        Assert.Contains(".pdf", detail, StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/kb/documents"), HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task A_file_over_the_limit_is_413()
    {
        await using var server = await TestServer.StartAsync(settings: ["--Wenjin:MaxFileBytes", "200"]);
        var response = await server.UploadAsync("kb", (TestData.ReportName, TestData.Report));
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "tooLarge");
        Assert.Contains(TestData.ReportName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_over_the_limit_is_413()
    {
        await using var server = await TestServer.StartAsync(settings: ["--Wenjin:MaxUploadRequestBytes", "4096"]);
        var big = new byte[64 * 1024];
        Array.Fill(big, (byte)'a');
        var response = await server.UploadAsync("kb", ("big.txt", big));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Bad_upload_requests_are_problems()
    {
        await using var server = await TestServer.StartAsync();
        var notMultipart = await server.Client.PostAsJsonAsync("/api/kbs/kb/documents", new { file = "x" });
        await ProblemAssert.IsProblemAsync(notMultipart, HttpStatusCode.UnsupportedMediaType);

        var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsync("/api/kbs/kb/documents", form), HttpStatusCode.BadRequest, "invalidInput");
    }

    [Fact]
    public async Task Unknown_knowledge_base_is_404_for_every_document_endpoint()
    {
        await using var server = await TestServer.StartAsync();
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/nope/documents"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/nope/documents/abc"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/nope/documents/abc/content"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.DeleteAsync("/api/kbs/nope/documents/abc"), HttpStatusCode.NotFound, "notFound");
    }
}
