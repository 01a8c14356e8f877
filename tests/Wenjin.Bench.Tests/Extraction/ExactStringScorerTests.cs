using Wenjin.Bench.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

public sealed class ExactStringScorerTests
{
    private static readonly ExpectedRecord Case = TestRecords.Gold(
        "application-case",
        """
        "案例名称": "东海银行“海小智”大模型智能客服助手",
        "案例名称_alt": ["东海银行“海小智”大模型智能客服助手应用案例"],
        "供给方": "上海云衍智能科技有限公司（浦东）"
        """);

    [Fact]
    public void AltValue_IsCorrect()
    {
        var score = ExactStringScorer.Score("案例名称", Case, TestRecords.Field("东海银行“海小智”大模型智能客服助手应用案例"));

        Assert.Equal(1, score.F1);
    }

    [Fact]
    public void NormalisedForms_AreEqual_ButOtherTextIsNot()
    {
        // Quotes removed, full-width brackets folded by NFKC, whitespace and line breaks removed.
        Assert.Equal(1, ExactStringScorer.Score("案例名称", Case, TestRecords.Field("东海银行 \"海小智\"\n大模型智能客服助手")).F1);
        Assert.Equal(1, ExactStringScorer.Score("供给方", Case, TestRecords.Field("上海云衍智能科技有限公司(浦东)")).F1);
        Assert.Equal(0, ExactStringScorer.Score("供给方", Case, TestRecords.Field("上海云衍智能科技有限公司")).F1);
    }

    [Fact]
    public void MissingOrNullPrediction_IsWrongAndNotCountedAsPredicted()
    {
        var missing = ExactStringScorer.Score("案例名称", Case, null);
        var nullValue = ExactStringScorer.Score("案例名称", Case, TestRecords.Field(null));

        Assert.Null(missing.Precision);
        Assert.Equal(0, missing.Recall);
        Assert.Null(nullValue.Precision);
        Assert.Equal(0, nullValue.Recall);
    }

    [Fact]
    public void NonStringPrediction_IsPredictedAndWrong()
    {
        var score = ExactStringScorer.Score("案例名称", Case, TestRecords.Field(new[] { "东海银行“海小智”大模型智能客服助手" }));

        Assert.Equal(0, score.Precision);
    }

    [Theory]
    [InlineData("广西壮族自治区", "广西", true)]
    [InlineData("广西壮族自治区", "广西壮族自治区", true)]
    [InlineData("上海市", "上海", true)]
    [InlineData("浙江省", "浙江", true)]
    [InlineData("新疆维吾尔自治区", "新疆", true)]
    [InlineData("内蒙古自治区", "内蒙古", true)]
    [InlineData("四川省", "重庆市", false)]
    [InlineData("安徽省", "江苏省", false)]
    [InlineData("浙江省", "浙江省杭州市", false)]
    public void Province_IsComparedWithItsSuffixStripped(string gold, string predicted, bool correct)
    {
        var record = TestRecords.Gold("bid-award", $"\"省份\": \"{gold}\"");

        Assert.Equal(correct ? 1 : 0, ExactStringScorer.Score("省份", record, TestRecords.Field(predicted)).F1);
    }

    [Fact]
    public void Link_IgnoresATrailingSlash_OnlyForTheLink()
    {
        var record = TestRecords.Gold("news-brief", """ "链接": "https://tech.example.cn/ai/2024/06/xinghe-zhixing-2", "标题": "标题甲" """);

        Assert.Equal(1, ExactStringScorer.Score("链接", record, TestRecords.Field("https://tech.example.cn/ai/2024/06/xinghe-zhixing-2/")).F1);
        Assert.Equal(0, ExactStringScorer.Score("链接", record, TestRecords.Field("https://tech.example.cn/ai/2024/06/xinghe-zhixing")).F1);
        Assert.Equal(0, ExactStringScorer.Score("标题", record, TestRecords.Field("标题甲/")).F1);
    }
}
