using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Wenjin.Server.Tests.Apis;

/// <summary>
/// Schemas, extraction, stored records, their export and briefs over real HTTP. The assertions hold whichever fields the
/// model-free record builder fills: the title field of news-brief, and for every other value its structure and evidence.
/// </summary>
public sealed class ExtractionApiTests
{
    private const string ReportTitle = "2024年度智算中心建设报告";

    [Fact]
    public async Task Schemas_are_listed_and_described_and_an_unknown_one_is_404()
    {
        await using var server = await TestServer.StartAsync();
        var schemas = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/schemas");
        string[] names = [.. schemas!.Select(s => s.GetProperty("name").GetString()!)];
        Assert.Contains("news-brief", names);
        Assert.Contains("application-case", names);
        Assert.Contains("bid-award", names);

        var news = await server.Client.GetFromJsonAsync<JsonElement>("/api/schemas/news-brief");
        Assert.Equal("news-brief", news.GetProperty("name").GetString());
        Assert.True(news.GetProperty("builtIn").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(news.GetProperty("title").GetString()));
        var fields = news.GetProperty("fields").EnumerateArray().ToArray();
        var title = fields.Single(f => f.GetProperty("name").GetString() == "标题");
        Assert.Equal("string", title.GetProperty("kind").GetString());
        Assert.True(title.GetProperty("required").GetBoolean());
        var industry = fields.Single(f => f.GetProperty("name").GetString() == "行业");
        Assert.Equal("list", industry.GetProperty("kind").GetString());
        Assert.Equal("行业", industry.GetProperty("items").GetProperty("facet").GetString());

        var problem = await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/schemas/no-such-schema"), HttpStatusCode.NotFound, "notFound");
        Assert.Contains("news-brief", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extraction_stores_one_record_per_document_whose_every_quote_is_the_document_text_at_its_span()
    {
        await using var server = await StartWithDocumentsAsync("reports");
        var response = await ExtractAsync(server, "reports", new { schema = "news-brief" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("news-brief", result.GetProperty("schema").GetString());
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        var records = result.GetProperty("records").EnumerateArray().ToArray();
        Assert.Equal(2, records.Length);

        foreach (var entry in records)
        {
            Assert.Contains(entry.GetProperty("method").GetString(), new[] { "rules", "model" });
            Assert.True(entry.GetProperty("extractedAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
            var record = entry.GetProperty("record");
            Assert.Equal("news-brief", record.GetProperty("schema").GetString());
            Assert.Equal(entry.GetProperty("docId").GetString(), record.GetProperty("docId").GetString());
            Assert.Equal(entry.GetProperty("sourceId").GetString(), record.GetProperty("sourceId").GetString());
            Assert.Equal(JsonValueKind.Array, record.GetProperty("dropped").ValueKind);
            Assert.Equal(JsonValueKind.Array, record.GetProperty("missing").ValueKind);
            await AssertEvidenceIsVerbatimAsync(server, "reports", record);
        }

        var report = records.Single(r => r.GetProperty("sourceId").GetString() == TestData.ReportName);
        Assert.Equal(ReportTitle, report.GetProperty("title").GetString());
        var titleField = report.GetProperty("record").GetProperty("fields").GetProperty("标题");
        Assert.Equal(ReportTitle, titleField.GetProperty("value").GetString());
        Assert.NotEmpty(titleField.GetProperty("evidence").EnumerateArray());

        // Stored: listed by source id, the same records; extracting again replaces them instead of adding.
        await ExtractAsync(server, "reports", new { schema = "news-brief", mode = "rules" });
        var listed = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/reports/records?schema=news-brief") ?? [];
        string[] listedSources = [.. listed.Select(r => r.GetProperty("sourceId").GetString()!)];
        Assert.Equal(new[] { TestData.ReportName, TestData.PolicyName }.Order(StringComparer.Ordinal), listedSources);
        Assert.Equal(records.Select(r => r.GetProperty("docId").GetString()).Order(StringComparer.Ordinal), listed.Select(r => r.GetProperty("docId").GetString()).Order(StringComparer.Ordinal));
        Assert.Empty(await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/reports/records?schema=bid-award") ?? []);

        // A record goes with its document.
        string reportId = report.GetProperty("docId").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await server.Client.DeleteAsync($"/api/kbs/reports/documents/{reportId}")).StatusCode);
        var left = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/reports/records?schema=news-brief");
        Assert.Equal(TestData.PolicyName, Assert.Single(left!).GetProperty("sourceId").GetString());
    }

    [Fact]
    public async Task Extracting_named_documents_reports_an_unknown_one_as_an_error_and_extracts_the_others()
    {
        await using var server = await StartWithDocumentsAsync("reports");
        var documents = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/reports/documents");
        string reportId = documents!.Single(d => d.GetProperty("sourceId").GetString() == TestData.ReportName).GetProperty("id").GetString()!;

        var result = await (await ExtractAsync(server, "reports", new { schema = "news-brief", docIds = new[] { reportId, "no-such-document" } })).Content.ReadFromJsonAsync<JsonElement>();
        var record = Assert.Single(result.GetProperty("records").EnumerateArray());
        Assert.Equal(reportId, record.GetProperty("docId").GetString());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("no-such-document", error.GetProperty("docId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetString()));
        Assert.Single(await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/reports/records?schema=news-brief") ?? []);
    }

    [Fact]
    public async Task Csv_export_is_utf8_with_a_bom_a_header_of_the_schema_fields_and_a_chinese_file_name()
    {
        await using var server = await StartWithDocumentsAsync("简报库");
        await ExtractAsync(server, "简报库", new { schema = "news-brief" });
        var schema = await server.Client.GetFromJsonAsync<JsonElement>("/api/schemas/news-brief");

        var response = await server.Client.GetAsync($"/api/kbs/{Uri.EscapeDataString("简报库")}/records/export?schema=news-brief&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Equal("简报库-news-brief.csv", disposition?.FileNameStar);

        byte[] bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        string[] lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        Assert.Equal(["docId", "sourceId", "title"], header[..3]);
        foreach (var field in schema.GetProperty("fields").EnumerateArray())
        {
            Assert.Contains(field.GetProperty("name").GetString()!, header);
        }

        Assert.Equal(3, lines.Length);
        Assert.Contains(lines[1..], line => line.Contains(ReportTitle, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Xlsx_export_is_a_workbook_with_the_records()
    {
        await using var server = await StartWithDocumentsAsync("reports");
        await ExtractAsync(server, "reports", new { schema = "news-brief" });

        var response = await server.Client.GetAsync("/api/kbs/reports/records/export?schema=news-brief&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("reports-news-brief.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, isEditable: false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToArray();
        Assert.Equal(3, rows.Length);
        string[] header = [.. rows[0].Elements<Cell>().Select(CellText)];
        int titleColumn = Array.IndexOf(header, "标题");
        Assert.True(titleColumn >= 0, $"No 标题 column in {string.Join(",", header)}");
        string[] titles = [.. rows[1..].Select(r => CellText(r.Elements<Cell>().ElementAt(titleColumn)))];
        Assert.Contains(ReportTitle, titles);
    }

    [Fact]
    public async Task Bad_requests_are_400_and_unknown_knowledge_bases_and_schemas_are_404()
    {
        await using var server = await StartWithDocumentsAsync("reports", withPolicy: false);
        await ExtractAsync(server, "reports", new { schema = "news-brief" });

        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/reports/records/export?schema=news-brief&format=pdf"), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await ExtractAsync(server, "reports", new { schema = "news-brief", mode = "fastest" }), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await ExtractAsync(server, "reports", new { schema = "news-brief", docIds = Array.Empty<string>() }), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await ExtractAsync(server, "reports", new { mode = "rules" }), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/reports/records"), HttpStatusCode.BadRequest, "invalidInput");
        // No chat model is configured: asking for one is misuse, and nothing is extracted.
        var noModel = await ProblemAssert.IsProblemAsync(await ExtractAsync(server, "reports", new { schema = "news-brief", mode = "model" }), HttpStatusCode.BadRequest, "invalidInput");
        Assert.Contains("model", noModel.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/reports/brief", new { topic = "算力", mode = "model" }), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/reports/brief", new { topic = "算力", mode = "poetry" }), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/reports/brief", new { topic = " " }), HttpStatusCode.BadRequest, "invalidInput");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/reports/brief", new { topic = "算力", maxSentences = 0 }), HttpStatusCode.BadRequest, "invalidInput");

        await ProblemAssert.IsProblemAsync(await ExtractAsync(server, "nope", new { schema = "news-brief" }), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await ExtractAsync(server, "reports", new { schema = "no-such-schema" }), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/nope/records?schema=news-brief"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/reports/records?schema=no-such-schema"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/nope/records/export?schema=news-brief&format=csv"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.GetAsync("/api/kbs/reports/records/export?schema=no-such-schema&format=xlsx"), HttpStatusCode.NotFound, "notFound");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/kbs/nope/brief", new { topic = "算力" }), HttpStatusCode.NotFound, "notFound");

        // None of the refused requests changed what is stored.
        Assert.Single(await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/reports/records?schema=news-brief") ?? []);
    }

    [Fact]
    public async Task A_brief_cites_every_sentence_with_verbatim_quotes()
    {
        await using var server = await StartWithDocumentsAsync("reports");
        var response = await server.Client.PostAsJsonAsync("/api/kbs/reports/brief", new { topic = "智算中心的算力规模", maxSentences = 6 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var brief = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("智算中心的算力规模", brief.GetProperty("topic").GetString());
        Assert.Equal("rules", brief.GetProperty("method").GetString());
        var citations = brief.GetProperty("citations").EnumerateArray().ToArray();
        var sentences = brief.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("sentences").EnumerateArray()).ToArray();
        Assert.NotEmpty(sentences);
        Assert.True(sentences.Length <= 6);
        Assert.Contains(sentences, s => s.GetProperty("text").GetString()!.Contains("5000P", StringComparison.Ordinal));
        var indexes = citations.Select(c => c.GetProperty("index").GetInt32()).ToHashSet();
        foreach (var sentence in sentences)
        {
            var cited = sentence.GetProperty("citations").EnumerateArray().Select(c => c.GetInt32()).ToArray();
            Assert.NotEmpty(cited);
            Assert.All(cited, i => Assert.Contains(i, indexes));
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var citation in citations)
        {
            string docId = citation.GetProperty("docId").GetString()!;
            if (!texts.TryGetValue(docId, out string? text))
            {
                text = await DocumentTextAsync(server, "reports", docId);
                texts[docId] = text;
            }

            int start = citation.GetProperty("start").GetInt32(), end = citation.GetProperty("end").GetInt32();
            Assert.Equal(citation.GetProperty("quote").GetString(), text[start..end]);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_extraction_endpoints()
    {
        await using var server = await TestServer.StartAsync();
        var paths = JsonDocument.Parse(await server.Client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (string path in new[] { "/api/schemas", "/api/schemas/{name}", "/api/kbs/{kb}/extractions", "/api/kbs/{kb}/records", "/api/kbs/{kb}/records/export", "/api/kbs/{kb}/brief" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }
    }

    private static async Task<TestServer> StartWithDocumentsAsync(string kb, bool withPolicy = true)
    {
        var server = await TestServer.StartAsync();
        (string, byte[])[] files = withPolicy ? [(TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy)] : [(TestData.ReportName, TestData.Report)];
        await server.UploadAsync(kb, files);
        var documents = await server.WaitForDocumentsAsync(kb, files.Length);
        Assert.All(documents, d => Assert.Equal("indexed", d.GetProperty("status").GetString()));
        return server;
    }

    private static Task<HttpResponseMessage> ExtractAsync(TestServer server, string kb, object body) =>
        server.Client.PostAsJsonAsync($"/api/kbs/{Uri.EscapeDataString(kb)}/extractions", body);

    private static async Task<string> DocumentTextAsync(TestServer server, string kb, string docId)
    {
        var content = await server.Client.GetFromJsonAsync<JsonElement>($"/api/kbs/{Uri.EscapeDataString(kb)}/documents/{Uri.EscapeDataString(docId)}/content");
        return content.GetProperty("text").GetString()!;
    }

    /// <summary>Every value of the record has evidence, and every evidence quote is exactly the document's text at [start, end).</summary>
    private static async Task AssertEvidenceIsVerbatimAsync(TestServer server, string kb, JsonElement record)
    {
        string text = await DocumentTextAsync(server, kb, record.GetProperty("docId").GetString()!);
        var fields = record.GetProperty("fields").EnumerateObject().ToArray();
        Assert.NotEmpty(fields);
        foreach (var field in fields)
        {
            Assert.True(field.Value.TryGetProperty("value", out _), $"{field.Name} has no value");
            var evidence = field.Value.GetProperty("evidence").EnumerateArray().ToArray();
            Assert.NotEmpty(evidence);
            foreach (var span in evidence)
            {
                int start = span.GetProperty("start").GetInt32(), end = span.GetProperty("end").GetInt32();
                Assert.InRange(start, 0, end);
                Assert.InRange(end, start, text.Length);
                Assert.Equal(span.GetProperty("quote").GetString(), text[start..end]);
                Assert.True(span.TryGetProperty("page", out _));
            }
        }
    }

    private static string CellText(Cell cell) =>
        cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? string.Empty;
}
