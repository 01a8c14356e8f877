using Wenjin.Bench.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

public sealed class PredictedRecordReaderTests
{
    [Fact]
    public void ContractShape_IsRead()
    {
        var record = Assert.Single(PredictedRecordReader.ReadLines(
            [
                "",
                """{"schema": "news-brief", "docId": "d1", "sourceId": "nb01.txt", "fields": {"行业": {"value": ["金融", "医疗健康"], "evidence": [{"quote": "银行", "page": 1, "start": 2, "end": 4}, {"quote": "医院", "page": null, "start": 40, "end": 42}]}}, "dropped": [{"field": "关键词[2]", "value": "区块链", "reason": "not-in-document", "detail": "…"}], "missing": ["链接"], "extra": 1}""",
            ],
            "records.jsonl"));

        Assert.Equal(("news-brief", "d1", "nb01.txt"), (record.Schema, record.DocId, record.SourceId));
        Assert.Equal(["银行", "医院"], record.Field("行业")!.Quotes);
        Assert.Equal("关键词", Assert.Single(record.Dropped).FieldName);
        Assert.Equal(["链接"], record.Missing);
        Assert.Equal("records.jsonl:2", record.Origin);
    }

    [Fact]
    public void LineThatIsNotARecord_FailsWithItsNumber()
    {
        var error = Assert.Throws<InvalidDataException>(() => PredictedRecordReader.ReadLines(
            [
                """{"schema": "news-brief", "sourceId": "nb01.txt"}""",
                "extracting 12 documents…",
            ],
            "out.jsonl"));

        Assert.StartsWith("out.jsonl:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordWithoutSourceId_Fails()
    {
        Assert.Throws<InvalidDataException>(() => PredictedRecordReader.ReadLines(["""{"schema": "news-brief", "fields": {}}"""], "x"));
    }
}
