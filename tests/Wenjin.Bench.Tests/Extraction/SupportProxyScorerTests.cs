using Wenjin.Bench.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

public sealed class SupportProxyScorerTests
{
    private const string DocumentText =
        "江城银行股份有限公司宣布，其自主研发的大模型智能客服助手“小江”已在手机银行App、微信公众号和客服热线全面上线。"
        + "试运行三个月以来，“小江”的独立解决率达到82%，夜间时段人工坐席的排队量下降了一半以上。";

    private static readonly ExpectedRecord News = TestRecords.Gold(
        "news-brief",
        """
        "总结": null,
        "总结_support": [
          "江城银行股份有限公司宣布，其自主研发的大模型智能客服助手“小江”已在手机银行App、微信公众号和客服热线全面上线",
          "试运行三个月以来，“小江”的独立解决率达到82%，夜间时段人工坐席的排队量下降了一半以上"
        ],
        "重大事件摘要": null
        """);

    private static readonly EvaluationDocument Document = EvaluationDocument.FromText(DocumentText);

    [Fact]
    public void SummaryHoldingBothKeySentences_ScoresOne()
    {
        var score = Score("江城银行宣布自主研发的大模型智能客服助手“小江”在手机银行App、微信公众号和客服热线全面上线；试运行三个月，小江独立解决率达到82%，夜间人工坐席排队量下降一半以上。");

        Assert.Equal(1, score!.F1);
        Assert.False(score.Unfaithful);
    }

    [Fact]
    public void SentenceWhoseNumberIsMissing_IsNotCovered()
    {
        // The second sentence's bigrams are mostly there, but not its figure 82.
        var score = Score("江城银行股份有限公司宣布其自主研发的大模型智能客服助手小江已在手机银行App、微信公众号和客服热线全面上线。试运行三个月以来，小江的独立解决率很高，夜间时段人工坐席的排队量下降了一半以上。");

        Assert.Equal(0.5, score!.F1);
    }

    [Fact]
    public void LooseParaphrase_IsNotCovered()
    {
        Assert.Equal(0, Score("某银行推出了新的人工智能服务，用户反响良好。")!.F1);
    }

    [Fact]
    public void NumberAbsentFromTheDocument_MakesTheTextUnfaithful()
    {
        var score = Score("江城银行股份有限公司宣布其自主研发的大模型智能客服助手小江已在手机银行App、微信公众号和客服热线全面上线，投入1.5亿元；试运行三个月以来，小江的独立解决率达到82%，夜间时段人工坐席的排队量下降了一半以上。");

        Assert.Equal(0, score!.F1);
        Assert.True(score.Unfaithful);
    }

    [Fact]
    public void MissingText_ScoresZero_AndNoSupportSentences_IsNotScored()
    {
        Assert.Equal(0, SupportProxyScorer.Score("总结", News, null, Document)!.F1);
        Assert.Null(SupportProxyScorer.Score("重大事件摘要", News, TestRecords.Field("江城银行上线小江。"), Document));
    }

    private static DocumentFieldScore? Score(string summary) =>
        SupportProxyScorer.Score("总结", News, TestRecords.Field(summary), Document);
}
