using Wenjin.Bench.Extraction;
using Wenjin.Hosting.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

public sealed class ExtractionScorerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"wenjin-bench-tests-{Guid.NewGuid():N}");
    private readonly ExtractionScorer _scorer;

    public ExtractionScorerTests()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "bid-award"));
        File.WriteAllText(
            Path.Combine(_folder, "bid-award", "ba01.txt"),
            "云澜市人民医院智能导诊及预问诊系统采购项目中标结果公告\n采购人：云澜市\n人民医院\n中标金额：￥1,234,500.00元\n发布时间：2024年5月20日\n");
        File.WriteAllText(
            Path.Combine(_folder, "bid-award", "ba07.html"),
            "<html><head><title>公告</title><style>p { color: red }</style><script>var secret = '隐藏的采购人';</script></head>"
            + "<body><p>采购人：<b>上海市申城</b>公共数据运营中心</p><p>中标供应商：上海算力云科技股份有限公司 &amp; 合作方</p></body></html>");
        string[] gold =
        [
            """{"file": "bid-award/ba01.txt", "schema": "bid-award", "fields": {"项目名称": "云澜市人民医院智能导诊及预问诊系统采购项目", "采购人": "云澜市人民医院", "中标单位": "杭州启明星医疗信息技术有限公司", "中标金额": 1234500, "中标金额_text": "￥1,234,500.00元", "省份": "浙江省", "公告日期": "2024-05-20", "公告日期_text": "2024年5月20日"}}""",
            """{"file": "bid-award/ba07.html", "schema": "bid-award", "fields": {"项目名称": "公共数据大模型训练与推理算力服务采购项目", "采购人": "上海市申城公共数据运营中心", "中标单位": "上海算力云科技股份有限公司", "中标金额": 4680000, "中标金额_text": "468.00万元（人民币）", "省份": "上海市", "公告日期": "2024-10-15", "公告日期_text": "2024-10-15"}}""",
        ];
        _scorer = new ExtractionScorer([.. gold.Select(ExpectedRecordReader.ParseLine)], _folder, ExtractionTaxonomy.Default);
    }

    [Fact]
    public void InvalidQuote_IsCounted_AndACorrectValueBehindItIsFlagged()
    {
        var report = Score(
            """{"schema": "bid-award", "docId": "d1", "sourceId": "ba01.txt", "fields": {"采购人": {"value": "云澜市人民医院", "evidence": [{"quote": "采购单位：云澜市人民医院", "page": null, "start": 0, "end": 12}]}, "中标金额": {"value": 1234500, "evidence": [{"quote": "￥1,234,500.00元", "page": null, "start": 40, "end": 54}]}}, "dropped": [], "missing": []}""");

        SchemaReport schema = Assert.Single(report.Schemas);
        FieldReport purchaser = schema.Fields.Single(field => field.Field == "采购人");
        Assert.Equal(1.0, purchaser.Precision);
        Assert.Equal((1, 0, 1), (purchaser.Quotes, purchaser.ValidQuotes, purchaser.CreditedWithInvalidQuote));
        Assert.Equal((2, 1), (schema.Quotes, schema.ValidQuotes));
        Assert.Equal(0.5, schema.ValidQuoteShare);
        Assert.Contains(schema.CreditedWithInvalidQuote, flag => flag.Contains("bid-award/ba01.txt 采购人", StringComparison.Ordinal));
    }

    [Fact]
    public void QuoteAcrossAHardLineBreak_IsValid()
    {
        var report = Score(
            """{"schema": "bid-award", "sourceId": "ba01.txt", "fields": {"采购人": {"value": "云澜市人民医院", "evidence": [{"quote": "采购人：云澜市人民医院"}]}}}""");

        FieldReport purchaser = report.Schemas[0].Fields.Single(field => field.Field == "采购人");
        Assert.Equal((1, 1, 0), (purchaser.Quotes, purchaser.ValidQuotes, purchaser.CreditedWithInvalidQuote));
    }

    [Fact]
    public void HtmlQuotes_AreCheckedAgainstTheVisibleText()
    {
        var report = Score(
            """{"schema": "bid-award", "sourceId": "ba07.html", "fields": {"采购人": {"value": "上海市申城公共数据运营中心", "evidence": [{"quote": "采购人：上海市申城公共数据运营中心"}, {"quote": "隐藏的采购人"}, {"quote": "<b>上海市申城</b>"}]}, "中标单位": {"value": "上海算力云科技股份有限公司", "evidence": [{"quote": "上海算力云科技股份有限公司 & 合作方"}]}}}""");

        SchemaReport schema = report.Schemas[0];
        // Tags stripped (valid across <b>), script text dropped (invalid), markup itself invalid, &amp; unescaped (valid).
        Assert.Equal((4, 2), (schema.Quotes, schema.ValidQuotes));
    }

    [Fact]
    public void Records_AreMatchedBySchemaAndPathOrFileName_OthersAreReported()
    {
        var report = Score(
            """{"schema": "bid-award", "sourceId": "uploads/bid-award/ba07.html", "fields": {"省份": {"value": "上海", "evidence": []}}}""",
            """{"schema": "bid-award", "sourceId": "ba01.txt", "fields": {"省份": {"value": "浙江", "evidence": []}}}""",
            """{"schema": "bid-award", "sourceId": "ba01.txt", "fields": {}}""",
            """{"schema": "bid-award", "sourceId": "ba99.txt", "fields": {}}""",
            """{"schema": "news-brief", "sourceId": "ba01.txt", "fields": {}}""");

        SchemaReport schema = report.Schemas[0];
        FieldReport province = schema.Fields.Single(field => field.Field == "省份");
        Assert.Equal(2, schema.Records);
        Assert.Equal((1.0, 1.0, 2), (province.Precision!.Value, province.Recall!.Value, province.WithoutQuote));
        Assert.Equal(3, report.IgnoredRecords.Count);
    }

    [Fact]
    public void DocumentWithoutRecord_ScoresZero_AndExactFieldsCountDocuments()
    {
        var report = Score(
            """{"schema": "bid-award", "sourceId": "ba01.txt", "fields": {"中标单位": {"value": "杭州启明星医疗信息技术有限公司", "evidence": []}, "公告日期": {"value": "2024-05-21", "evidence": []}}, "dropped": [{"field": "中标金额", "value": "150万元", "reason": "not-in-document"}, {"field": "项目名称[0]", "value": "x", "reason": "type"}], "missing": ["省份", "中标金额"]}""");

        SchemaReport schema = report.Schemas[0];
        FieldReport winner = schema.Fields.Single(field => field.Field == "中标单位");
        FieldReport date = schema.Fields.Single(field => field.Field == "公告日期");
        FieldReport amount = schema.Fields.Single(field => field.Field == "中标金额");
        Assert.Equal(["bid-award/ba07.html"], schema.DocumentsWithoutRecord);

        // P = correct / predicted documents, R = correct / gold documents, F1 their harmonic mean.
        Assert.Equal((1.0, 0.5), (winner.Precision!.Value, winner.Recall!.Value));
        Assert.Equal(2.0 / 3, winner.F1!.Value, 9);
        Assert.Equal((0.0, 0.0, 0.0), (date.Precision!.Value, date.Recall!.Value, date.F1!.Value));
        Assert.Null(amount.Precision);
        Assert.Equal((1, 1), (amount.Dropped, amount.Missing));
        Assert.Equal(1, schema.Fields.Single(field => field.Field == "项目名称").Dropped);
        Assert.Equal((2, 2), (schema.Dropped, schema.Missing));
        Assert.Equal(1, schema.DroppedByReason["type"]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ExtractionReport Score(params string[] lines)
    {
        IReadOnlyList<PredictedRecord> records = PredictedRecordReader.ReadLines(lines, "test");
        return _scorer.Score(records, ["bid-award"], "test", model: null);
    }
}
