using System.Text.Json;
using Wenjin.Documents;
using Wenjin.Hosting.Extraction;
using Wenjin.Hosting.Extraction.Building;
using Wenjin.Storage;

namespace Wenjin.Hosting.Tests.Extraction.Building;

/// <summary>Each hint family on small documents: what it proposes, what it refuses, and that kept values carry verbatim evidence.</summary>
public sealed class RuleRecordExtractorTests
{
    private static readonly SchemaCatalog Catalog = new(new JsonSchemaReader(ExtractionTaxonomy.Default), null);
    private static readonly JsonSchemaReader Reader = new(ExtractionTaxonomy.Default);
    private static readonly RuleRecordExtractor Extractor = new(ExtractionTaxonomy.Default);

    private const string LabelSchema = """
        {"type": "object", "properties": {
          "项目名称": {"type": "string", "x-wenjin-source": "label:项目名称"},
          "采购人": {"type": "string", "x-wenjin-source": "label:采购人"}
        }}
        """;

    [Theory]
    [InlineData("一、项目名称：城西污水处理厂智能运维平台\n二、采购人：杭州市城西水务有限公司\n三、采购人地址：杭州市")]
    [InlineData("| 项目 | 内容 |\n|---|---|\n| 项目名称 | 城西污水处理厂智能运维平台 |\n| 采购人 | 杭州市城西水务有限公司 |")]
    [InlineData("项目名称\t城西污水处理厂智能运维平台\n采购人\t杭州市城西水务有限公司\n")]
    [InlineData("项目名称：城西污水处理厂智能运维平台    采购人：杭州市城西水务有限公司")]
    [InlineData("**项 目 名 称**：城西污水处理厂智能运维平台。\n采购人名称：杭州市城西水务有限公司")]
    public void Label_IsReadFromLines_TableCells_AndTabTables(string text)
    {
        var record = Extract(Reader.Read("labels", LabelSchema), text);

        Assert.Equal("城西污水处理厂智能运维平台", record.Fields["项目名称"].Value.GetString());
        Assert.Equal("杭州市城西水务有限公司", record.Fields["采购人"].Value.GetString());
        GoldenRecordTests.AssertEvidenceIsVerbatim(record, text);
    }

    [Fact]
    public void Label_DoesNotMatchALongerLabel_OrProse()
    {
        const string Text = "采购人地址：杭州市西湖区\n本项目的采购人为市水务局，项目名称为城西运维平台。";

        var candidate = Extractor.Propose(Reader.Read("labels", LabelSchema), new SourceDocument("d", "s", Text, []));

        Assert.Empty(candidate);
    }

    [Fact]
    public void Label_BrokenByAPdfLineBreak_ContinuesOnTheNextLine_AndTheWholeNoticeIsRead()
    {
        const string Notice = """
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

        var record = Extract(Catalog.Get("bid-award"), Notice);

        Assert.Equal("山东东岳能源集团有限公司设备预测性维护平台建设项目", record.Fields["项目名称"].Value.GetString());
        Assert.Equal("山东东岳能源集团有限公司", record.Fields["采购人"].Value.GetString());
        Assert.Equal("济南智维工业互联网有限公司", record.Fields["中标单位"].Value.GetString());
        Assert.Equal(986000m, record.Fields["中标金额"].Value.GetDecimal());
        Assert.Equal("山东省", record.Fields["省份"].Value.GetString());
        Assert.Equal("2024-09-12", record.Fields["公告日期"].Value.GetString());
        Assert.Empty(record.Missing);
        GoldenRecordTests.AssertEvidenceIsVerbatim(record, Notice);
    }

    [Fact]
    public void Money_AfterItsCue_IgnoresBudgetMaximumPriceQuotesAndFees()
    {
        const string Text = """
            预算金额：500万元，最高限价：480万元。
            第二中标候选人报价：470万元。
            经评审，中标金额为人民币452.3万元。代理服务费按中标金额的1.5%收取，计6.78万元。
            """;

        var record = Extract(Catalog.Get("bid-award"), Text);

        Assert.Equal(4523000m, record.Fields["中标金额"].Value.GetDecimal());
        Assert.Equal("452.3万元", record.Fields["中标金额"].Evidence[0].Quote);
    }

    [Fact]
    public void Money_WithoutItsCue_IsNotTakenFromBudgetsOrFees()
    {
        const string Text = "采购预算：500万元。代理服务费：6.78万元。中标金额：详见附件。";

        var candidate = Extractor.Propose(Catalog.Get("bid-award"), new SourceDocument("d", "s", Text, []));

        Assert.False(candidate.ContainsKey("中标金额"));
    }

    [Fact]
    public void Money_InATableColumn_TakesTheHeadersUnit_AndTheBareCellIsItsEvidence()
    {
        const string Text = """
            | 序号 | 中标供应商 | 中标金额（万元） |
            |---|---|---|
            | 1 | 成都蜀云数据科技有限公司 | 386.5 |
            """;

        var candidate = Extractor.Propose(Catalog.Get("bid-award"), new SourceDocument("d", "s", Text, []));
        var record = Extract(Catalog.Get("bid-award"), Text);

        Assert.Equal(3865000m, candidate["中标金额"].GetDecimal());
        Assert.Equal(3865000m, record.Fields["中标金额"].Value.GetDecimal());
        Assert.Equal("386.5", Assert.Single(record.Fields["中标金额"].Evidence).Quote);
        Assert.Equal("成都蜀云数据科技有限公司", record.Fields["中标单位"].Value.GetString());
        GoldenRecordTests.AssertEvidenceIsVerbatim(record, Text);
    }

    [Fact]
    public void Date_AfterACue_WinsOverLaterDates_AndWithoutACueTheLatestEventDateIsTaken()
    {
        const string Text = "开标日期：2024年6月3日\n发布时间：2024-06-14 10:30\n服务期：2024年7月1日至2025年6月30日\n附件更新于2024年6月20日";
        var schema = Reader.Read("dates", """
            {"type": "object", "properties": {
              "发布": {"type": "string", "format": "date", "x-wenjin-source": "date:发布时间"},
              "最新": {"type": "string", "format": "date", "x-wenjin-source": "date"}
            }}
            """);

        var record = Extract(schema, Text);

        Assert.Equal("2024-06-14", record.Fields["发布"].Value.GetString());
        Assert.Equal("2024-06-20", record.Fields["最新"].Value.GetString());
        Assert.Equal("2024年6月20日", record.Fields["最新"].Evidence[0].Quote);
    }

    [Fact]
    public void ListAfter_SplitsTheItemsAfterACueWord()
    {
        const string Text = "该系统上线后运行稳定。系统能够自动识别来电意图、生成工单摘要，并实时推荐知识库答案等功能。";

        var record = Extract(Catalog.Get("application-case"), Text);

        Assert.Equal(["自动识别来电意图", "生成工单摘要", "实时推荐知识库答案"], record.Fields["功能"].Value.EnumerateArray().Select(e => e.GetString()));
        GoldenRecordTests.AssertEvidenceIsVerbatim(record, Text);
    }

    [Fact]
    public void ListAfter_ReadsTheBulletsUnderALabel()
    {
        const string Text = "主要功能：\n- 智能问答：回答坐席提问\n- 工单分类，按业务自动分派\n- 知识库维护\n\n三、应用成效\n效率明显提升。";

        var record = Extract(Catalog.Get("application-case"), Text);

        Assert.Equal(["智能问答", "工单分类", "知识库维护"], record.Fields["功能"].Value.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Organisation_NearACue_SkipsOtherCandidates()
    {
        const string Text = "本项目第一中标候选人为青岛海川数智科技股份有限公司。经复核，最终由济南智维工业互联网有限公司中标，采购人为济南市历城区大数据局。";
        var schema = Reader.Read("orgs", """
            {"type": "object", "properties": {
              "中标单位": {"type": "string", "x-wenjin-source": "organisation:中标"},
              "采购人": {"type": "string", "x-wenjin-source": "organisation:采购人"},
              "第一个": {"type": "string", "x-wenjin-source": "organisation"}
            }}
            """);

        var candidate = Extractor.Propose(schema, new SourceDocument("d", "s", Text, []));

        Assert.Equal("济南智维工业互联网有限公司", candidate["中标单位"].GetString());
        Assert.Equal("济南市历城区大数据局", candidate["采购人"].GetString());
        Assert.Equal("青岛海川数智科技股份有限公司", candidate["第一个"].GetString());
    }

    [Fact]
    public void Province_IsTheMainOrganisations_ByNameOrAddress()
    {
        const string ByName = "采购人：南宁市青秀区人民医院\n中标人：上海云衍智能科技有限公司\n上海市的供应商，上海市徐汇区。";
        const string ByAddress = "采购人：青秀区人民医院\n地址：广西壮族自治区南宁市青秀区\n中标人：上海云衍智能科技有限公司\n上海市、上海市。";

        var byName = Extractor.Propose(Catalog.Get("bid-award"), new SourceDocument("d", "s", ByName, []));
        var byAddress = Extract(Catalog.Get("bid-award"), ByAddress);

        Assert.Equal("广西壮族自治区", byName["省份"].GetString());
        Assert.Equal("广西壮族自治区", byAddress.Fields["省份"].Value.GetString());
        Assert.Equal("广西壮族自治区", byAddress.Fields["省份"].Evidence[0].Quote);
    }

    [Fact]
    public void Metrics_BecomeObjects_WithoutInvestmentFigures()
    {
        const string Text = "上线一年来，问题回答准确率达到97.6%，平均处理时长由32分钟缩短至4分钟，项目总投资达到1200万元。";

        var record = Extract(Catalog.Get("application-case"), Text);

        var metrics = record.Fields["成果指标"].Value.EnumerateArray()
            .Select(m => (m.GetProperty("指标").GetString(), m.GetProperty("数值").GetDecimal(), m.GetProperty("单位").GetString()))
            .ToList();
        Assert.Equal([("问题回答准确率", 97.6m, "%"), ("平均处理时长", 4m, "分钟")], metrics);
        GoldenRecordTests.AssertEvidenceIsVerbatim(record, Text);
    }

    [Fact]
    public void UserSchema_NumberDateAndEnumFields_AreReadFromTheirLabels()
    {
        var schema = Reader.Read("contract", """
            {"type": "object", "properties": {
              "合同金额": {"type": "number", "x-wenjin-unit": "万元", "x-wenjin-source": "label:合同金额|合同总价"},
              "服务人数": {"type": "integer", "x-wenjin-source": "number:服务|覆盖"},
              "签订日期": {"type": "string", "format": "date", "x-wenjin-source": "label:签订日期"},
              "采购方式": {"type": "string", "enum": ["公开招标", "邀请招标", "竞争性磋商"], "x-wenjin-source": "label:采购方式"}
            }, "required": ["合同金额", "签订日期"]}
            """);
        const string Text = "合同总价：人民币125万元（大写：壹佰贰拾伍万元整）\n签订日期：二〇二四年八月二十六日\n采购方式：竞争性磋商（政府采购）\n平台上线后覆盖3200名学生。";

        var record = Extract(schema, Text);

        Assert.Equal(125m, record.Fields["合同金额"].Value.GetDecimal());
        Assert.Equal(3200m, record.Fields["服务人数"].Value.GetDecimal());
        Assert.Equal("2024-08-26", record.Fields["签订日期"].Value.GetString());
        Assert.Equal("竞争性磋商", record.Fields["采购方式"].Value.GetString());
        Assert.Empty(record.Missing);
        GoldenRecordTests.AssertEvidenceIsVerbatim(record, Text);
    }

    [Fact]
    public void TitleAndLink_ComeFromMetadata_WhenTheTextHoldsThem()
    {
        const string Text = "首页 > 要闻\n\n澜江电力全面推广视觉AI巡检\n\n正文。网址 https://news.example.cn/a/1.html 以及 https://news.example.cn/b/2.html";
        var info = new DocumentInfo("doc-1", "news/1.html", DocumentStatus.Indexed) { Title = "澜江电力全面推广视觉AI巡检_澜江新闻网", Url = "https://news.example.cn/b/2.html" };
        var document = SourceDocument.FromContent(new DocumentContent(info, Text, [], []));

        var candidate = Extractor.Propose(Catalog.Get("news-brief"), document);

        Assert.Equal(("澜江电力全面推广视觉AI巡检_澜江新闻网", "https://news.example.cn/b/2.html"), (document.Title, document.Url));
        Assert.Equal("澜江电力全面推广视觉AI巡检", candidate["标题"].GetString());
        Assert.Equal("https://news.example.cn/b/2.html", candidate["链接"].GetString());
    }

    [Fact]
    public void NothingFound_LeavesRequiredFieldsMissing()
    {
        const string Text = "今天天气晴朗，适合出门散步。";

        var record = Extract(Catalog.Get("bid-award"), Text);

        Assert.Empty(record.Fields.Keys.Intersect(["采购人", "中标单位", "中标金额", "公告日期"]));
        Assert.Equal(["采购人", "中标单位", "中标金额", "公告日期"], record.Missing.Where(m => m != "项目名称"));
    }

    [Theory]
    [InlineData("news-brief")]
    [InlineData("application-case")]
    [InlineData("bid-award")]
    public void EmptyDocument_GivesAnEmptyRecord(string schema)
    {
        var record = Extract(Catalog.Get(schema), "");

        Assert.Empty(record.Fields);
        Assert.Empty(record.Dropped);
        Assert.Equal(Catalog.Get(schema).Fields.Where(f => f.Required).Select(f => f.Name), record.Missing);
    }

    private static Wenjin.Extraction.ExtractedRecord Extract(ExtractionSchema schema, string text) =>
        Extractor.Extract(schema, new SourceDocument("d", "s", text, []));
}
