using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

public sealed class QuantityExtractorTests
{
    private static readonly QuantityExtractor Extractor = new();

    [Theory]
    [InlineData("有效算力达到92%。", 92, "92%")]
    [InlineData("效率提升 9.27％。", 9.27, "9.27％")]
    [InlineData("增幅为 ９.２７ ％。", 9.27, "９.２７ ％")]
    [InlineData("百分之三十的用户选择了线上办理。", 30, "百分之三十")]
    [InlineData("占比百分之三十五点五。", 35.5, "百分之三十五点五")]
    [InlineData("不良率为5‰。", 0.5, "5‰")]
    [InlineData("利润下降-3.5%。", -3.5, "-3.5%")]
    public void Reads_percentages(string text, double expected, string quote)
    {
        PercentageMention mention = Assert.IsType<PercentageMention>(Assert.Single(Extractor.Extract(text)));
        Assert.Equal((decimal)expected, mention.Value);
        Assert.Equal(quote, mention.Span.Of(text));
    }

    [Theory]
    [InlineData("合同金额￥1,234,500.00 元。", "1234500", "CNY", "￥1,234,500.00 元")]
    [InlineData("合同金额1,234,500元。", "1234500", "CNY", "1,234,500元")]
    [InlineData("预算123.45万元。", "1234500", "CNY", "123.45万元")]
    [InlineData("总投资1.2亿元。", "120000000", "CNY", "1.2亿元")]
    [InlineData("其中3,500万元为补贴。", "35000000", "CNY", "3,500万元")]
    [InlineData("节省约 1200 万元。", "12000000", "CNY", "1200 万元")]
    [InlineData("预算１２３．４５万元。", "1234500", "CNY", "１２３．４５万元")]
    [InlineData("大写金额：人民币壹佰万元整。", "1000000", "CNY", "人民币壹佰万元整")]
    [InlineData("计壹万贰仟叁佰肆拾伍元陆角柒分。", "12345.67", "CNY", "壹万贰仟叁佰肆拾伍元陆角柒分")]
    [InlineData("获得三千万元融资。", "30000000", "CNY", "三千万元")]
    [InlineData("募资100多万元。", "1000000", "CNY", "100多万元")]
    [InlineData("市场规模达1.2万亿元。", "1200000000000", "CNY", "1.2万亿元")]
    [InlineData("融资5亿美元。", "500000000", "USD", "5亿美元")]
    [InlineData("RMB 100万的合同。", "1000000", "CNY", "RMB 100万")]
    [InlineData("注册资本100万元人民币。", "1000000", "CNY", "100万元人民币")]
    public void Reads_money_in_the_main_unit_of_its_currency(string text, string amount, string currency, string quote)
    {
        MoneyMention mention = Assert.IsType<MoneyMention>(Assert.Single(Extractor.Extract(text)));
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), mention.Amount);
        Assert.Equal(currency, mention.Currency);
        Assert.Equal(quote, mention.Span.Of(text));
    }

    [Theory]
    [InlineData("2024年5月20日签约。", "2024-05-20", "2024年5月20日")]
    [InlineData("于2024-05-20签约。", "2024-05-20", "2024-05-20")]
    [InlineData("于2024/5/20签约。", "2024-05-20", "2024/5/20")]
    [InlineData("于2024.5.20签约。", "2024-05-20", "2024.5.20")]
    [InlineData("2024年5月上线。", "2024-05", "2024年5月")]
    [InlineData("截至2024-05，", "2024-05", "2024-05")]
    [InlineData("2023年GDP增长较快。", "2023", "2023年")]
    [InlineData("于 2024 年 5 月 20 日签约。", "2024-05-20", "2024 年 5 月 20 日")]
    [InlineData("二〇二四年五月二十日签约。", "2024-05-20", "二〇二四年五月二十日")]
    [InlineData("于５月２０日签约。", "--05-20", "５月２０日")]
    [InlineData("2024年2月29日是闰日。", "2024-02-29", "2024年2月29日")]
    public void Reads_dates_as_precisely_as_they_are_written(string text, string expected, string quote)
    {
        DateMention mention = Assert.IsType<DateMention>(Assert.Single(Extractor.Extract(text)));
        Assert.Equal(expected, mention.Value);
        Assert.Equal(expected, mention.Normalized);
        Assert.Equal(quote, mention.Span.Of(text));
    }

    [Fact]
    public void An_impossible_day_leaves_the_month()
    {
        DateMention mention = Assert.IsType<DateMention>(Assert.Single(Extractor.Extract("2023年2月30日")));
        Assert.Equal("2023-02", mention.Value);
        Assert.Equal((2023, 2, (int?)null), (mention.Year!.Value, mention.Month!.Value, mention.Day));
    }

    [Theory]
    [InlineData("覆盖 200 余家网点。", "200", "家", "200 余家")]
    [InlineData("处理时长缩短至 4 小时。", "4", "小时", "4 小时")]
    [InlineData("共1,000人次参加。", "1000", "人次", "1,000人次")]
    [InlineData("服务3万余人。", "30000", "人", "3万余人")]
    [InlineData("参数量达到3.5亿。", "350000000", "", "3.5亿")]
    [InlineData("提高 2 个百分点。", "2", "个百分点", "2 个百分点")]
    [InlineData("存储容量 500 TB。", "500", "TB", "500 TB")]
    [InlineData("覆盖三十个网点。", "30", "个", "三十个")]
    [InlineData("招聘一百二十人。", "120", "人", "一百二十人")]
    [InlineData("合作十余家银行。", "10", "家", "十余家")]
    [InlineData("共有37个。", "37", "个", "37个")]
    public void Reads_numbers_with_their_units(string text, string value, string unit, string quote)
    {
        NumberMention mention = Assert.IsType<NumberMention>(Assert.Single(Extractor.Extract(text)));
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), mention.Value);
        Assert.Equal(unit, mention.Unit);
        Assert.Equal(quote, mention.Span.Of(text));
    }

    [Theory]
    [InlineData("基于GPT-4和Qwen2.5构建。")]
    [InlineData("支持5G和A100。")]
    [InlineData("第3季度。")]
    [InlineData("会议14:30开始。")]
    [InlineData("升级到版本3.5.1。")]
    [InlineData("这是一个十分重要的问题。")]
    [InlineData("1. 项目背景")]
    [InlineData("（2）其他事项")]
    [InlineData("5月份")]
    [InlineData("详见 https://example.com/news/2024/0520.html 页面")]
    [InlineData("进一步统一认识，万一失败，十四五规划。")]
    public void Ignores_numbers_that_are_names_ordinals_times_markers_or_words(string text)
    {
        Assert.Empty(Extractor.Extract(text));
    }

    [Fact]
    public void Reads_through_a_line_break_inside_a_number_and_quotes_it_verbatim()
    {
        const string Text = "本项目总投资金额为1,2\n00万元，由省财政支付。";
        MoneyMention mention = Assert.IsType<MoneyMention>(Assert.Single(Extractor.Extract(Text)));
        Assert.Equal(12_000_000m, mention.Amount);
        Assert.Equal("1,2\n00万元", mention.Span.Of(Text));
    }

    [Fact]
    public void A_date_wins_over_the_number_it_starts_with()
    {
        const string Text = "经过半年的需求调研和方案论证，2023年\n10月，该行启动建设，周期3年。";
        IReadOnlyList<QuantityMention> mentions = Extractor.Extract(Text);
        Assert.Equal(["2023-10", "3年"], mentions.Select(m => m.Normalized));
        Assert.Equal("2023年\n10月", mentions[0].Span.Of(Text));
    }

    [Fact]
    public void Reads_every_quantity_of_a_converted_report_with_verbatim_quotes()
    {
        string text = ExtractionSamples.CaseReport;
        IReadOnlyList<QuantityMention> mentions = Extractor.Extract(text);

        Assert.Equal(
            [
                "2024-05-20", "30000通", "2023-10", "1234500 CNY", "35000000 CNY", "45%", "97.6%", "12000000 CNY", "92%", "3天",
                "4小时", "9.27%", "200家", "120秒", "66秒", "2024-12", "30%",
            ],
            mentions.Select(m => m.Normalized));
        Assert.Equal("１２３．４５万元", mentions[3].Span.Of(text));
        Assert.Equal("９.２７％", mentions[11].Span.Of(text));
        for (int k = 0; k < mentions.Count; k++)
        {
            Assert.True(k == 0 || mentions[k - 1].Span.End <= mentions[k].Span.Start, "Mentions are in text order without overlaps.");
            string quote = mentions[k].Span.Of(text);
            Assert.False(char.IsWhiteSpace(quote[0]) || char.IsWhiteSpace(quote[^1]), $"'{quote}' is not trimmed.");

            // The quote alone (without the line breaks read through) says the same thing: it is the evidence, not an
            // approximation of it.
            QuantityMention again = Assert.Single(Extractor.Extract(VerbatimText.Compact(quote)));
            Assert.Equal(mentions[k].Normalized, again.Normalized);
        }
    }
}
