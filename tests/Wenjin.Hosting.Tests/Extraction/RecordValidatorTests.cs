using System.Text.Json;
using Wenjin.Extraction;
using Wenjin.Hosting.Extraction;

namespace Wenjin.Hosting.Tests.Extraction;

public sealed class RecordValidatorTests
{
    // A bidding notice as PDF conversion leaves it: the project name and a date broken across lines, full-width digits.
    private const string Notice = """
        山东东岳能源集团有限公司设备预测性维护平台建设
        项目中标结果公告

            一、项目名称：山东东岳能源集团有限公司设备预测性维护平台
        建设项目
            二、招标人：山东东岳能源集团有限公司
                地址：山东省济宁市任城区东岳路88号
            三、第二中标候选人：青岛海川数智科技股份有限公司，投标报价：102.30万元
            四、中标人：济南智维工业互联网有限公司
                中标价：９８．６０万元
            五、开标日期：2024年8月28日

                                      山东东岳能源集团有限公司
                                      2024 年 9 月
        12 日
        """;

    private static readonly SchemaCatalog Catalog = new(new JsonSchemaReader(ExtractionTaxonomy.Default), null);
    private static readonly RecordValidator Validator = new(ExtractionTaxonomy.Default);

    [Theory]
    [InlineData("采购人：临江市人民医院（地址：浙江临江市滨江路88号）", "浙江省", "浙江")]
    [InlineData("采购人：杭州市数据资源管理局", "浙江省", "杭州市")]
    [InlineData("采购人：广西壮族自治区人民医院", "广西壮族自治区", "广西壮族自治区")]
    public void Province_IsEvidencedByAnyOfItsNamesOrCities(string text, string province, string quote)
    {
        var record = Validate("bid-award", $$"""{"省份": "{{province}}"}""", new SourceDocument("d", "s", text, []));

        var evidence = Assert.Single(record.Fields["省份"].Evidence);
        Assert.Equal(quote, evidence.Quote);
        Assert.Equal(text[evidence.Start..evidence.End], evidence.Quote);
    }

    [Fact]
    public void Province_NamedNowhere_IsDropped()
    {
        var record = Validate("bid-award", """{"省份": "广东省"}""", new SourceDocument("d", "s", "采购人：杭州市数据资源管理局", []));

        Assert.False(record.Fields.ContainsKey("省份"));
        Assert.Equal(DropReasons.NotInDocument, Assert.Single(record.Dropped).Reason);
    }

    [Fact]
    public void Amount_InYuan_IsFoundAsABareNumberUnderAWanYuanHeader_ButNotWithoutOne()
    {
        const string Table = "| 中标供应商 | 中标金额（万元） |\n| --- | --- |\n| 杭州数衡信息技术有限公司 | 386.5 |";
        const string Plain = "项目编号：386.5\n中标供应商：杭州数衡信息技术有限公司";

        var table = Validate("bid-award", """{"中标金额": 3865000}""", new SourceDocument("d", "s", Table, []));
        var plain = Validate("bid-award", """{"中标金额": 3865000}""", new SourceDocument("d", "s", Plain, []));

        var evidence = Assert.Single(table.Fields["中标金额"].Evidence);
        Assert.Equal("386.5", evidence.Quote);
        Assert.Equal(Table[evidence.Start..evidence.End], evidence.Quote);
        Assert.False(plain.Fields.ContainsKey("中标金额"));
    }

    [Fact]
    public void BidAward_ValuesBrokenAcrossLines_AndWrittenInOtherForms_AreKeptWithExactEvidence()
    {
        var document = new SourceDocument("d1", "ba05.txt", Notice, []);

        var record = Validate("bid-award", """
            {"项目名称": "山东东岳能源集团有限公司设备预测性维护平台建设项目", "采购人": "山东东岳能源集团有限公司",
             "中标单位": "济南智维工业互联网有限公司", "中标金额": 986000, "省份": "山东省", "公告日期": "2024-09-12"}
            """, document);

        Assert.Empty(record.Dropped);
        Assert.Empty(record.Missing);
        Assert.Equal(["项目名称", "采购人", "中标单位", "中标金额", "省份", "公告日期"], record.Fields.Keys);
        var name = Assert.Single(record.Fields["项目名称"].Evidence);
        // The first occurrence is the evidence: here the headline, broken after 建设.
        Assert.Equal("山东东岳能源集团有限公司设备预测性维护平台建设\n项目", name.Quote);
        Assert.Equal(0, name.Start);
        Assert.Equal("９８．６０万元", Assert.Single(record.Fields["中标金额"].Evidence).Quote);
        Assert.Equal(986000m, record.Fields["中标金额"].Value.GetDecimal());
        Assert.Equal("2024 年 9 月\n12 日", Assert.Single(record.Fields["公告日期"].Evidence).Quote);
        Assert.Equal("2024-09-12", record.Fields["公告日期"].Value.GetString());
        AssertEvidenceIsVerbatim(record, Notice);
    }

    [Theory]
    [InlineData("中标金额：￥1,234,500.00元", 1234500)]
    [InlineData("成交金额：123.45万元", 1234500)]
    [InlineData("中标金额：386.5（万元）", 3865000)]
    [InlineData("中标价：人民币壹佰伍拾陆万捌仟元整", 1568000)]
    [InlineData("中标价：¥ 568,000.00", 568000)]
    [InlineData("中标金额为1.2亿元", 120000000)]
    [InlineData("中标金额：１，８５０ 万元", 18500000)]
    public void Amount_InYuan_IsFoundInAnyWrittenForm(string text, decimal amount)
    {
        var record = Validate("bid-award", $$"""{"中标金额": {{amount}}}""", new SourceDocument("d", "s", text, []));

        Assert.Empty(record.Dropped);
        Assert.Equal(amount, record.Fields["中标金额"].Value.GetDecimal());
        AssertEvidenceIsVerbatim(record, text);
    }

    [Fact]
    public void Amount_GivenAsText_IsCoercedToYuan()
    {
        var record = Validate("bid-award", """{"中标金额": "98.6万元"}""", new SourceDocument("d", "s", Notice, []));

        Assert.Equal(986000m, record.Fields["中标金额"].Value.GetDecimal());
    }

    [Theory]
    [InlineData("发布日期：2024年5月20日", "2024-05-20")]
    [InlineData("发布时间：2024-06-14 10:30", "2024-06-14")]
    [InlineData("落款日期：二〇二四年八月二十六日", "2024-08-26")]
    [InlineData("公告日期：2024/3/8", "2024年3月8日")]
    [InlineData("开标时间：2024-06-1 ，发布时间：10:30 2024-06-14 10:30", "2024-06-14")]
    public void Date_IsFoundInAnyWrittenForm_AndWrittenAsIso(string text, string candidate)
    {
        var record = Validate("bid-award", $$"""{"公告日期": "{{candidate}}"}""", new SourceDocument("d", "s", text, []));

        Assert.Empty(record.Dropped);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", record.Fields["公告日期"].Value.GetString());
        AssertEvidenceIsVerbatim(record, text);
    }

    [Fact]
    public void InventedValues_AreDropped_AndMissingRequiredFieldsReported()
    {
        var document = new SourceDocument("d1", "ba05.txt", Notice, []);

        var record = Validate("bid-award", """
            {"项目名称": "山东东岳能源集团有限公司设备预测性维护平台建设项目", "中标单位": "济南智维科技有限公司",
             "中标金额": 1020000, "公告日期": "2024-09-13", "省份": null, "备注": "无"}
            """, document);

        Assert.Equal(["项目名称"], record.Fields.Keys);
        Assert.Equal(
            [("中标单位", "济南智维科技有限公司", DropReasons.NotInDocument), ("中标金额", "1020000", DropReasons.NotInDocument), ("公告日期", "2024-09-13", DropReasons.NotInDocument), ("备注", "无", DropReasons.NotInSchema)],
            record.Dropped.Select(d => (d.Field, d.Value, d.Reason)));
        Assert.Equal(["采购人", "中标单位", "中标金额", "公告日期"], record.Missing);
    }

    [Theory]
    [InlineData("""{"中标金额": "很多"}""", "中标金额")]
    [InlineData("""{"中标金额": [1, 2]}""", "中标金额")]
    [InlineData("""{"公告日期": "上周五"}""", "公告日期")]
    [InlineData("""{"采购人": {"名称": "山东东岳能源集团有限公司"}}""", "采购人")]
    public void WrongType_IsDroppedAsType(string candidate, string field)
    {
        var record = Validate("bid-award", candidate, new SourceDocument("d", "s", Notice, []));

        var dropped = Assert.Single(record.Dropped);
        Assert.Equal((field, DropReasons.Type), (dropped.Field, dropped.Reason));
        Assert.False(record.Fields.ContainsKey(field));
    }

    [Fact]
    public void Categories_MustBeInTheTaxonomy_AndEvidencedByATerm()
    {
        const string text = "某全国性股份制银行已将“知行”用于对公信贷审批；“知行”还在3家三甲医院试点病历内涵质控。";

        var record = Validate("news-brief", """{"行业": ["金融", "医疗健康", "太空", "农业", "金融"], "AI技术": "大语言模型"}""", new SourceDocument("d", "s", text, []));

        Assert.Equal(["金融", "医疗健康"], record.Fields["行业"].Value.EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["银行", "三甲"], record.Fields["行业"].Evidence.Select(e => e.Quote));
        Assert.Equal([("AI技术[0]", DropReasons.NotInDocument), ("行业[2]", DropReasons.NotInEnum), ("行业[3]", DropReasons.NotInDocument)], record.Dropped.Select(d => (d.Field, d.Reason)));
        AssertEvidenceIsVerbatim(record, text);
    }

    [Fact]
    public void Summary_IsKeptWhenEverySentenceIsSupported_WithTheSupportingSentencesAsEvidence()
    {
        const string text = """
            # 澜江电力变电站巡检全面引入视觉AI

            澜江电力有限公司近日宣布，该公司已在所辖112座220千伏及以上变电站推广“机器人+视觉AI”智能巡
            检模式。截至今年4月底，系统累计识别设备缺陷1,487项，经人工复核确认的准确率为91.3%。公司还计划明年扩大试点。
            """;
        var document = new SourceDocument("d", "s", text, []);

        var record = Validate("news-brief", """
            {"总结": "澜江电力已在112座220千伏及以上变电站推广机器人加视觉AI智能巡检。系统累计识别设备缺陷1,487项，准确率为91.3%。",
             "重大事件摘要": "澜江电力已在120座变电站推广智能巡检模式。"}
            """, document);

        var summary = record.Fields["总结"];
        Assert.Equal(2, summary.Evidence.Count);
        Assert.StartsWith("澜江电力有限公司近日宣布", summary.Evidence[0].Quote, StringComparison.Ordinal);
        Assert.Contains("智能巡\n检模式。", summary.Evidence[0].Quote, StringComparison.Ordinal);
        Assert.StartsWith("截至今年4月底", summary.Evidence[1].Quote, StringComparison.Ordinal);
        var dropped = Assert.Single(record.Dropped);
        Assert.Equal(("重大事件摘要", DropReasons.UnsupportedSummary), (dropped.Field, dropped.Reason));
        Assert.Contains("总结", record.Fields.Keys);
        AssertEvidenceIsVerbatim(record, text);
    }

    [Fact]
    public void Summary_WithoutOverlap_IsUnsupported()
    {
        var record = Validate("news-brief", """{"总结": "该银行计划明年在全国推广无人网点。"}""", new SourceDocument("d", "s", Notice, []));

        Assert.Equal(DropReasons.UnsupportedSummary, Assert.Single(record.Dropped).Reason);
        Assert.Contains("总结", record.Missing);
    }

    [Fact]
    public void Metrics_AreKeptOrDroppedWhole_WithTheirEvidence()
    {
        const string text = """
            | 指标 | 上线前 | 上线后 |
            |---|---|---|
            | 客服响应时间 | 基线 | 缩短 ４５％ |

            上线一年来，问题回答准确率达到 97.6%，每年节省人力成本约 1200 万元，准确率提升12.5 个百分点。
            岸桥平均作业效率提升至每小时 32 自然箱。
            """;

        var record = Validate("application-case", """
            {"成果指标": [
               {"指标": "客服响应时间", "数值": 45, "单位": "%", "text": "客服响应时间缩短45%"},
               {"指标": "人力成本节省", "数值": "1200", "单位": "万元"},
               {"指标": "岸桥平均作业效率", "数值": 32, "单位": "自然箱/小时"},
               {"指标": "问题回答准确率", "数值": 99.1, "单位": "%"},
               {"指标": "准确率", "单位": "个百分点"},
               {"指标": "客户满意度", "数值": 12.5, "单位": "个百分点"}
             ]}
            """, new SourceDocument("d", "s", text, [0, text.IndexOf("上线一年来", StringComparison.Ordinal)]));

        var metrics = record.Fields["成果指标"].Value.EnumerateArray().ToList();
        Assert.Equal(3, metrics.Count);
        Assert.Equal(["指标", "数值", "单位"], metrics[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(45m, metrics[0].GetProperty("数值").GetDecimal());
        Assert.Equal(1200m, metrics[1].GetProperty("数值").GetDecimal());
        Assert.Equal("自然箱/小时", metrics[2].GetProperty("单位").GetString());
        Assert.Equal(
            [("成果指标[3]", DropReasons.NotInDocument), ("成果指标[4]", DropReasons.MissingProperty), ("成果指标[5]", DropReasons.UnsupportedSummary)],
            record.Dropped.Select(d => (d.Field, d.Reason)));
        Assert.StartsWith("成果指标[3].数值:", record.Dropped[0].Detail, StringComparison.Ordinal);
        var evidence = record.Fields["成果指标"].Evidence;
        Assert.Contains(evidence, e => e.Quote == "４５％" && e.Page == 1);
        Assert.Contains(evidence, e => e.Quote == "1200 万元" && e.Page == 2);
        Assert.Contains(evidence, e => e.Quote == "自然箱");
        Assert.Contains(evidence, e => e.Quote == "小时");
        AssertEvidenceIsVerbatim(record, text);
    }

    [Fact]
    public void Text_MatchesAcrossFullWidthAndQuotes_AndCarriesItsPage()
    {
        const string text = "第一页。\f案例名称：东海银行“海小智”大模型智能客服助手（ＡＩ版）\n技术提供方：上海云衍智能科技有限公司";
        int pageTwo = text.IndexOf('\f', StringComparison.Ordinal) + 1;

        var record = Validate("application-case", """{"案例名称": "东海银行\"海小智\"大模型智能客服助手(AI版)", "供给方": ["上海云衍智能科技有限公司"]}""", new SourceDocument("d", "s", text, [0, pageTwo]));

        var evidence = Assert.Single(record.Fields["案例名称"].Evidence);
        Assert.Equal("东海银行“海小智”大模型智能客服助手（ＡＩ版）", evidence.Quote);
        Assert.Equal(2, evidence.Page);
        Assert.Equal((DropReasons.Type, "供给方"), (Assert.Single(record.Dropped).Reason, record.Dropped[0].Field));
        AssertEvidenceIsVerbatim(record, text);
    }

    [Fact]
    public void Link_IsAUrlFoundInTheDocument()
    {
        const string text = "原文链接：https://news.example.cn/finance/2024/0318/jcbank.html";

        var record = Validate("news-brief", """{"链接": "https://news.example.cn/finance/2024/0318/jcbank.html/", "标题": "not a url is fine here"}""", new SourceDocument("d", "s", text, []));
        var invalid = Validate("news-brief", """{"链接": "news.example.cn/finance"}""", new SourceDocument("d", "s", text, []));

        Assert.Equal("https://news.example.cn/finance/2024/0318/jcbank.html", Assert.Single(record.Fields["链接"].Evidence).Quote);
        Assert.Equal(("标题", DropReasons.NotInDocument), (Assert.Single(record.Dropped).Field, record.Dropped[0].Reason));
        Assert.Equal(DropReasons.Type, Assert.Single(invalid.Dropped).Reason);
    }

    private static ExtractedRecord Validate(string schema, string candidate, SourceDocument document)
    {
        using var json = JsonDocument.Parse(candidate);
        return Validator.Validate(Catalog.Get(schema), json.RootElement, document);
    }

    private static void AssertEvidenceIsVerbatim(ExtractedRecord record, string text)
    {
        Assert.All(record.Fields.Values, field =>
        {
            Assert.NotEmpty(field.Evidence);
            Assert.All(field.Evidence, e => Assert.Equal(e.Quote, text[e.Start..e.End]));
        });
    }
}
