using Wenjin.Bench.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

public sealed class LenientListScorerTests
{
    [Fact]
    public void ContainmentEitherWay_Matches()
    {
        var record = TestRecords.Gold("news-brief", """ "关键词": ["江城银行", "智能客服助手", "知识库"] """);

        // "江城银行股份有限公司" contains a gold item; "客服助手" is contained in one; "区块链" matches nothing.
        var score = LenientListScorer.Score("关键词", record, TestRecords.Field(new[] { "江城银行股份有限公司", "客服助手", "区块链" }));

        Assert.Equal(2.0 / 3, score.Precision!.Value, 9);
        Assert.Equal(2.0 / 3, score.Recall, 9);
    }

    [Fact]
    public void SingleCharacterItem_NeverMatches()
    {
        var record = TestRecords.Gold("news-brief", """ "关键词": ["大模型", "银"] """);

        var score = LenientListScorer.Score("关键词", record, TestRecords.Field(new[] { "模", "银" }));

        Assert.Equal(0, score.Precision);
        Assert.Equal(0, score.Recall);
    }

    [Fact]
    public void EachGoldItem_IsMatchedOnce()
    {
        var record = TestRecords.Gold("application-case", """ "功能": ["坐席辅助"] """);

        var score = LenientListScorer.Score("功能", record, TestRecords.Field(new[] { "坐席辅助", "坐席辅助功能" }));

        Assert.Equal(0.5, score.Precision);
        Assert.Equal(1, score.Recall);
    }

    [Fact]
    public void GreedyMatching_TakesTheLongestOverlapFirst()
    {
        // In list order "智能客服系统" would take "客服" and leave "客服热线" without a partner; the longest overlap
        // first pairs it with its equal and both predictions match.
        IReadOnlyList<string?> predictions = ["智能客服系统", "客服热线"];
        IReadOnlyList<string> gold = ["客服", "智能客服系统"];

        Assert.Equal(2, LenientListScorer.Match(predictions, gold));
    }

    [Fact]
    public void ItemsAreNormalisedBeforeMatching()
    {
        IReadOnlyList<string?> predictions = ["《多轮 对话》理解", "ＲＡＧ检索"];
        IReadOnlyList<string> gold = ["多轮对话理解与意图识别", "rag"];

        Assert.Equal(2, LenientListScorer.Match(predictions, gold));
    }

    [Fact]
    public void NothingPredicted_ScoresRecallZeroWithoutPrecision()
    {
        var record = TestRecords.Gold("news-brief", """ "关键词": ["大模型"] """);

        var score = LenientListScorer.Score("关键词", record, null);

        Assert.Null(score.Precision);
        Assert.Equal(0, score.Recall);
        Assert.Equal(0, score.F1);
    }
}
