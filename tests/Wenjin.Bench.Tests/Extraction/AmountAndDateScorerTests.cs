using Wenjin.Bench.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

public sealed class AmountAndDateScorerTests
{
    private static readonly ExpectedRecord Award = TestRecords.Gold(
        "bid-award",
        """
        "中标金额": 1234500, "中标金额_text": "￥1,234,500.00元",
        "公告日期": "2024-08-26", "公告日期_text": "二〇二四年八月二十六日"
        """);

    [Theory]
    [InlineData(1234500.0, true)]
    [InlineData(1234500.5, true)]
    [InlineData(1234499.5, true)]
    [InlineData(1234500.51, false)]
    [InlineData(1234499.4, false)]
    [InlineData(123.45, false)]
    public void Amount_IsCorrectWithinHalfAYuan(double predicted, bool correct)
    {
        Assert.Equal(correct ? 1 : 0, AmountScorer.Score("中标金额", Award, TestRecords.Field(predicted)).F1);
    }

    [Theory]
    [InlineData("123.45万元", true)]
    [InlineData("￥1,234,500.00元", true)]
    [InlineData("人民币壹佰贰拾叁万肆仟伍佰元整", true)]
    [InlineData("0.012345亿元", true)]
    [InlineData("123.4万元", false)]
    [InlineData("待定", false)]
    public void AmountWrittenAsText_IsParsed(string predicted, bool correct)
    {
        Assert.Equal(correct ? 1 : 0, AmountScorer.Score("中标金额", Award, TestRecords.Field(predicted)).F1);
    }

    [Theory]
    [InlineData("386.5（万元）", 3_865_000)]
    [InlineData("12,800.00万元", 128_000_000)]
    [InlineData("壹佰伍拾陆万捌仟元整（￥1,568,000.00）", 1_568_000)]
    [InlineData("人民币贰佰叁拾万元整", 2_300_000)]
    [InlineData("¥ 568,000.00", 568_000)]
    public void AmountParser_ReadsTheSetsWrittenForms(string text, double yuan)
    {
        Assert.Equal((decimal)yuan, AmountParser.ParseText(text));
    }

    [Theory]
    [InlineData("2024-08-26", true)]
    [InlineData("2024年8月26日", true)]
    [InlineData("2024 年 8 月 26 日", true)]
    [InlineData("2024/8/26", true)]
    [InlineData("二〇二四年八月二十六日", true)]
    [InlineData("2024-08-26T09:30:00+08:00", true)]
    [InlineData("2024-08-25", false)]
    [InlineData("2024年8月", false)]
    [InlineData("2024-02-30", false)]
    public void Date_IsNormalisedThenComparedExactly(string predicted, bool correct)
    {
        Assert.Equal(correct ? 1 : 0, DateScorer.Score("公告日期", Award, TestRecords.Field(predicted)).F1);
    }

    [Fact]
    public void DateAsANumber_IsWrong()
    {
        Assert.Equal(0, DateScorer.Score("公告日期", Award, TestRecords.Field(20240826)).Precision);
    }
}
