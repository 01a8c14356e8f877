using System.Text;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Extraction;

namespace Wenjin.Hosting.Tests.Extraction;

/// <summary>Model-free extraction through the façade: which documents are extracted, what is stored, and for how long.</summary>
public sealed class RecordExtractionTests : IDisposable
{
    private const string Kb = "news";

    private readonly TempDirectory _temp = new();
    private readonly KnowledgeBaseService _service;

    public RecordExtractionTests()
    {
        _service = KnowledgeBaseService.Open(_temp.Combine("data"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task All_extracts_every_indexed_document_stores_the_records_and_every_quote_is_verbatim()
    {
        await IngestAsync(("b.md", "# 江城银行上线智能客服\n\n江城银行宣布上线大模型智能客服助手。"), ("a.md", "# 华南医院发布影像大模型\n\n华南医院联合灵眸智能发布医学影像大模型。"), ("empty.txt", ""));

        var outcomes = await ExtractAsync(new ExtractionRequest("news-brief"));

        Assert.Equal(["a.md", "b.md"], outcomes.Select(o => o.SourceId));
        Assert.All(outcomes, o => Assert.Null(o.Error));
        var records = await _service.ListRecordsAsync(Kb, "news-brief", Ct);
        Assert.Equal(["a.md", "b.md"], records.Select(r => r.Record.SourceId));
        Assert.All(records, r => Assert.Equal(ExtractionMethods.Rules, r.Method));
        Assert.Equal("华南医院发布影像大模型", records[0].Record.Fields["标题"].Value.GetString());
        foreach (var record in records)
        {
            var text = (await _service.GetDocumentContentAsync(Kb, record.Record.DocId, Ct)).Text;
            Assert.All(record.Record.Fields.Values.SelectMany(v => v.Evidence), e => Assert.Equal(text[e.Start..e.End], e.Quote));
        }
    }

    [Fact]
    public async Task An_unknown_or_failed_document_gets_an_error_and_the_others_go_on()
    {
        await IngestAsync(("ok.md", "# 标题一\n\n正文内容。"), ("empty.txt", ""));
        var docs = await _service.ListDocumentsAsync(Kb, Ct);
        string ok = docs.Single(d => d.SourceId == "ok.md").Id;
        string failed = docs.Single(d => d.SourceId == "empty.txt").Id;

        var outcomes = await ExtractAsync(new ExtractionRequest("news-brief") { DocIds = ["0000000000000000", failed, ok] });

        Assert.Equal(3, outcomes.Count);
        Assert.Contains("there is no document", outcomes[0].Error, StringComparison.Ordinal);
        Assert.Contains("only indexed documents are extracted", outcomes[1].Error, StringComparison.Ordinal);
        Assert.Null(outcomes[2].Error);
        Assert.Equal(ok, Assert.Single(await _service.ListRecordsAsync(Kb, "news-brief", Ct)).Record.DocId);
    }

    [Fact]
    public async Task A_record_goes_when_its_document_changes_and_stays_when_it_is_ingested_unchanged()
    {
        await IngestAsync(("a.md", "# 第一版\n\n内容。"), ("b.md", "# 另一篇\n\n内容。"));
        await ExtractAsync(new ExtractionRequest("news-brief"));

        await IngestAsync(("a.md", "# 第二版\n\n新的内容。"), ("b.md", "# 另一篇\n\n内容。"));

        Assert.Equal(["b.md"], (await _service.ListRecordsAsync(Kb, "news-brief", Ct)).Select(r => r.Record.SourceId));
    }

    [Fact]
    public async Task Unknown_schema_and_unknown_knowledge_base_are_not_found()
    {
        await IngestAsync(("a.md", "# 标题\n\n内容。"));

        var schema = await Assert.ThrowsAsync<WenjinException>(() => ExtractAsync(new ExtractionRequest("no-such-schema")));
        var kb = await Assert.ThrowsAsync<WenjinException>(() => _service.ListRecordsAsync("nope", "news-brief", Ct));

        Assert.Equal(WenjinErrorKind.NotFound, schema.Kind);
        Assert.Contains("news-brief", schema.Message, StringComparison.Ordinal);
        Assert.Equal(WenjinErrorKind.NotFound, kb.Kind);
    }

    [Fact]
    public async Task Schemas_are_the_built_ins_then_the_user_files()
    {
        _temp.Write("data/schemas/certificate.schema.json", """
            {"title":"质量证书","type":"object","properties":{"证书编号":{"type":"string","x-wenjin-source":"label:证书编号"},"有效期至":{"type":"string","format":"date","x-wenjin-source":"date:有效期至"}},"required":["证书编号"]}
            """);

        var schemas = await _service.ListSchemasAsync(Ct);
        var user = await _service.GetSchemaAsync("certificate", Ct);

        Assert.Equal(["news-brief", "application-case", "bid-award", "certificate"], schemas.Select(s => s.Name));
        Assert.True(schemas[0].BuiltIn);
        Assert.False(user.BuiltIn);
        Assert.Equal(("证书编号", "string", true), (user.Fields[0].Name, user.Fields[0].Kind, user.Fields[0].Required));
        Assert.Equal("date", user.Fields[1].Kind);
        var industry = schemas[0].Fields.Single(f => f.Name == "行业");
        Assert.Equal("list", industry.Kind);
        Assert.Equal("行业", industry.Items!.Facet);
        Assert.Contains("金融", industry.Items.EnumValues);
    }

    public void Dispose()
    {
        _service.Dispose();
        _temp.Dispose();
    }

    private async Task IngestAsync(params (string Name, string Text)[] files) =>
        await _service.IngestAsync(Kb, files.Select(f => new DocumentSource(f.Name, f.Name, Encoding.UTF8.GetBytes(f.Text))), cancellationToken: Ct);

    private async Task<List<ExtractionOutcome>> ExtractAsync(ExtractionRequest request)
    {
        var outcomes = new List<ExtractionOutcome>();
        await foreach (var outcome in _service.ExtractAsync(Kb, request, Ct))
        {
            outcomes.Add(outcome);
        }

        return outcomes;
    }
}
