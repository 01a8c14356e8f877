using System.Text.Json;
using Wenjin.Analysis;
using Wenjin.Errors;
using Wenjin.Extraction;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>Stored extraction records in the store's SQLite file.</summary>
public sealed class RecordStoreTests : IDisposable
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 1);
    private static readonly DateTimeOffset T0 = new(2025, 3, 15, 8, 30, 0, 123, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wenjin-record-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteKnowledgeStore _store;
    private readonly SqliteRecordStore _records;

    public RecordStoreTests()
    {
        _store = SqliteKnowledgeStore.Open(Path.Combine(_directory, "wenjin.db"));
        _records = SqliteRecordStore.Open(_store);
        _store.CreateKnowledgeBase("kb", null, Analyzer);
    }

    public void Dispose()
    {
        _records.Dispose();
        _store.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void SaveGet_RoundTripsEveryPart()
    {
        var doc = _store.SaveDocument("kb", SampleDocuments.Create("公告.txt", "中标公告", "中标 金额 98.60万元"));
        var record = Record("bid-award", doc.Id, doc.SourceId, ("中标金额", JsonSerializer.SerializeToElement(986000m), new Evidence("98.60万元", 2, 5, 12)), ("行业", JsonSerializer.SerializeToElement(new[] { "金融", "医疗健康" }), new Evidence("银行", null, 0, 2)));
        record = record with { Dropped = [new DroppedValue("省份", "火星", DropReasons.NotInDocument, "\"火星\" does not occur")], Missing = ["公告日期"] };

        _records.Save("kb", new StoredRecord(record, "中标公告", ExtractionMethods.Model, T0) { ModelError = "timed out" });
        var read = _records.Get("kb", "bid-award", doc.Id);

        Assert.NotNull(read);
        Assert.Equal("中标公告", read.Title);
        Assert.Equal(ExtractionMethods.Model, read.Method);
        Assert.Equal("timed out", read.ModelError);
        Assert.Equal(T0, read.ExtractedAt);
        Assert.Equal(["中标金额", "行业"], read.Record.Fields.Keys);
        Assert.Equal(986000m, read.Record.Fields["中标金额"].Value.GetDecimal());
        Assert.Equal(new Evidence("98.60万元", 2, 5, 12), read.Record.Fields["中标金额"].Evidence[0]);
        Assert.Equal(["金融", "医疗健康"], read.Record.Fields["行业"].Value.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(record.Dropped, read.Record.Dropped);
        Assert.Equal(["公告日期"], read.Record.Missing);
    }

    [Fact]
    public void Save_ReplacesTheRecordOfTheSameSchemaAndDocument_AndKeepsOtherSchemas()
    {
        var doc = _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "内容"));
        _records.Save("kb", new StoredRecord(Record("news-brief", doc.Id, doc.SourceId, ("标题", JsonSerializer.SerializeToElement("旧"), new Evidence("旧", null, 0, 1))), null, ExtractionMethods.Rules, T0));
        _records.Save("kb", new StoredRecord(Record("bid-award", doc.Id, doc.SourceId), null, ExtractionMethods.Rules, T0));
        _records.Save("kb", new StoredRecord(Record("news-brief", doc.Id, doc.SourceId, ("标题", JsonSerializer.SerializeToElement("新"), new Evidence("新", null, 0, 1))), null, ExtractionMethods.Rules, T0.AddMinutes(1)));

        var briefs = _records.List("kb", "news-brief");

        Assert.Single(briefs);
        Assert.Equal("新", briefs[0].Record.Fields["标题"].Value.GetString());
        Assert.Equal(new Dictionary<string, int> { ["bid-award"] = 1, ["news-brief"] = 1 }, _records.CountBySchema("kb"));
    }

    [Fact]
    public void List_IsOrderedBySourceId()
    {
        foreach (string source in new[] { "c.txt", "a.txt", "b.txt" })
        {
            var doc = _store.SaveDocument("kb", SampleDocuments.Create(source, null, "内容 " + source));
            _records.Save("kb", new StoredRecord(Record("news-brief", doc.Id, doc.SourceId), null, ExtractionMethods.Rules, T0));
        }

        Assert.Equal(["a.txt", "b.txt", "c.txt"], _records.List("kb", "news-brief").Select(r => r.Record.SourceId));
    }

    [Fact]
    public void ARecordGoesWithItsDocument_WhenTheDocumentIsDeletedOrReplaced()
    {
        var kept = _store.SaveDocument("kb", SampleDocuments.Create("kept.txt", null, "保留"));
        var deleted = _store.SaveDocument("kb", SampleDocuments.Create("deleted.txt", null, "删除"));
        var replaced = _store.SaveDocument("kb", SampleDocuments.CreateWithHash("replaced.txt", null, "hash-1", "旧版"));
        foreach (var doc in new[] { kept, deleted, replaced })
        {
            _records.Save("kb", new StoredRecord(Record("news-brief", doc.Id, doc.SourceId), null, ExtractionMethods.Rules, T0));
        }

        _store.DeleteDocument("kb", deleted.Id);
        _store.SaveDocument("kb", SampleDocuments.CreateWithHash("replaced.txt", null, "hash-2", "新版 内容"));

        Assert.Equal(["kept.txt"], _records.List("kb", "news-brief").Select(r => r.Record.SourceId));
    }

    [Fact]
    public void Save_OfAnUnknownDocument_IsNotFound_AndStoresNothing()
    {
        var error = Assert.Throws<WenjinException>(() => _records.Save("kb", new StoredRecord(Record("news-brief", "0000000000000000", "x.txt"), null, ExtractionMethods.Rules, T0)));

        Assert.Equal(WenjinErrorKind.NotFound, error.Kind);
        Assert.Empty(_records.List("kb", "news-brief"));
    }

    [Fact]
    public void UnknownKnowledgeBase_IsNotFound_AndDeletingTheKnowledgeBaseDeletesItsRecords()
    {
        var doc = _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "内容"));
        _records.Save("kb", new StoredRecord(Record("news-brief", doc.Id, doc.SourceId), null, ExtractionMethods.Rules, T0));

        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => _records.List("nope", "news-brief")).Kind);
        _store.DeleteKnowledgeBase("kb");
        _store.CreateKnowledgeBase("kb", null, Analyzer);

        Assert.Empty(_records.List("kb", "news-brief"));
        Assert.Empty(_records.CountBySchema("kb"));
    }

    [Fact]
    public void Delete_RemovesOneSchemasRecords()
    {
        var doc = _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "内容"));
        _records.Save("kb", new StoredRecord(Record("news-brief", doc.Id, doc.SourceId), null, ExtractionMethods.Rules, T0));
        _records.Save("kb", new StoredRecord(Record("bid-award", doc.Id, doc.SourceId), null, ExtractionMethods.Rules, T0));

        Assert.Equal(1, _records.Delete("kb", "news-brief"));
        Assert.Empty(_records.List("kb", "news-brief"));
        Assert.Single(_records.List("kb", "bid-award"));
    }

    private static ExtractedRecord Record(string schema, string docId, string sourceId, params (string Name, JsonElement Value, Evidence Evidence)[] fields)
    {
        var values = new OrderedDictionary<string, FieldValue>(StringComparer.Ordinal);
        foreach (var (name, value, evidence) in fields)
        {
            values[name] = new FieldValue(value, [evidence]);
        }

        return new ExtractedRecord(schema, docId, sourceId, values, [], []);
    }
}
