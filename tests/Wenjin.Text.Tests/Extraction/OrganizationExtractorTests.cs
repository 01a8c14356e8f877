using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

public sealed class OrganizationExtractorTests
{
    private static readonly OrganizationExtractor Extractor = new();

    [Theory]
    [InlineData("该项目由北京智源科技有限公司承建。", "北京智源科技有限公司")]
    [InlineData("双方与清华大学合作研发。", "清华大学")]
    [InlineData("参与单位包括中国工商银行股份有限公司。", "中国工商银行股份有限公司")]
    [InlineData("方案经国家发展和改革委员会批复。", "国家发展和改革委员会")]
    [InlineData("患者转入北京大学第一医院治疗。", "北京大学第一医院")]
    [InlineData("据国家统计局局长介绍，", "国家统计局")]
    [InlineData("中华人民共和国财政部发布通知。", "中华人民共和国财政部")]
    [InlineData("由中国平安保险（集团）股份有限公司发起。", "中国平安保险（集团）股份有限公司")]
    [InlineData("百度在线网络技术（北京）有限公司提供服务。", "百度在线网络技术（北京）有限公司")]
    [InlineData("2023年北京智源人工智能研究院发布模型。", "北京智源人工智能研究院")]
    [InlineData("位于北京的中国银行营业部。", "中国银行")]
    [InlineData("该系统由ＡＢＣ科技有限公司开发。", "ABC科技有限公司")]
    [InlineData("经评审，采购人为济南市历城区大数据局。", "济南市历城区大数据局")]
    [InlineData("本项目中标人为济南智维工业互联网有限公司。", "济南智维工业互联网有限公司")]
    public void Finds_the_name_between_its_left_boundary_and_its_suffix(string text, string expected)
    {
        ExtractedValue organization = Assert.Single(Extractor.Extract(text));
        Assert.Equal(expected, organization.Value);
        Assert.Equal(VerbatimText.Compact(expected), VerbatimText.Compact(Assert.Single(organization.Evidence).Of(text)));
    }

    [Fact]
    public void Stops_at_conjunctions_and_keeps_each_name()
    {
        const string Text = "阿里巴巴集团旗下的蚂蚁集团和腾讯公司、华为公司与北京大学签约。";
        Assert.Equal(["阿里巴巴集团", "蚂蚁集团", "腾讯公司", "华为公司", "北京大学"], Extractor.Extract(Text).Select(o => o.Value));
    }

    [Fact]
    public void Reads_a_name_broken_by_a_hard_line_break()
    {
        const string Text = "本期工程的软件部分由上海智\n算科技有限公司负责实施。";
        ExtractedValue organization = Assert.Single(Extractor.Extract(Text));
        Assert.Equal("上海智算科技有限公司", organization.Value);
        Assert.Equal("上海智\n算科技有限公司", organization.Evidence[0].Of(Text));
    }

    [Fact]
    public void Does_not_cross_a_heading_line()
    {
        const string Text = "项目概况\n北京智源科技有限公司承建了本项目。";
        Assert.Equal("北京智源科技有限公司", Assert.Single(Extractor.Extract(Text)).Value);
    }

    [Fact]
    public void Collects_every_occurrence_of_a_name()
    {
        const string Text = "由清华大学牵头，清华大学与北京大学共同完成。";
        IReadOnlyList<ExtractedValue> organizations = Extractor.Extract(Text);
        Assert.Equal(["清华大学", "北京大学"], organizations.Select(o => o.Value));
        Assert.Equal([1, 8], organizations[0].Evidence.Select(e => e.Start));
        Assert.All(organizations[0].Evidence, e => Assert.Equal("清华大学", e.Of(Text)));
    }

    [Theory]
    [InlineData("Zhipu AI Inc. released a model.", "Zhipu AI Inc.")]
    [InlineData("与 Huawei Technologies Co., Ltd. 合作。", "Huawei Technologies Co., Ltd.")]
    [InlineData("Researchers at Tsinghua University said so.", "Tsinghua University")]
    public void Finds_latin_names_before_a_company_suffix(string text, string expected)
    {
        ExtractedValue organization = Assert.Single(Extractor.Extract(text));
        Assert.Equal(expected, organization.Value);
        Assert.Equal(expected, organization.Evidence[0].Of(text));
    }

    [Theory]
    [InlineData("该公司是一家科技公司。")]
    [InlineData("银行业整体格局稳定，市场布局合理。")]
    [InlineData("数据中心位于市中心。")]
    [InlineData("当地人民医院和上市公司。")]
    [InlineData("the group said that the company grew.")]
    [InlineData("2024年度智算中心建设报告：公司智算中心全年稳定运行。")]
    public void Ignores_generic_words_that_end_like_organisations(string text)
    {
        Assert.Empty(Extractor.Extract(text));
    }

    [Fact]
    public void Finds_the_organisations_of_a_converted_report_with_verbatim_evidence()
    {
        string text = ExtractionSamples.CaseReport;
        IReadOnlyList<ExtractedValue> organizations = Extractor.Extract(text);

        Assert.Equal(["北京智源科技有限公司", "清华大学", "Zhipu AI Inc.", "Huawei Technologies Co., Ltd."], organizations.Select(o => o.Value));
        foreach (ExtractedValue organization in organizations)
        {
            Assert.All(organization.Evidence, e => Assert.Equal(VerbatimText.Compact(organization.Value), VerbatimText.Compact(e.Of(text))));
        }
    }
}
