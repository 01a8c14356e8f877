using Wenjin.Bench.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

public sealed class MetricScorerTests
{
    private static readonly ExpectedRecord Port = TestRecords.Gold(
        "application-case",
        """
        "成果指标": [
          {"指标": "集卡空驶率", "数值": 12.5, "单位": "个百分点", "text": "集卡空驶率下降 12.5 个百分点"},
          {"指标": "避免潜在经济损失", "数值": 1.2, "单位": "亿元", "text": "累计避免潜在经济损失约1.2亿元"},
          {"指标": "小额案件理赔时效", "数值": 4, "单位": "小时", "text": "小额案件理赔时效由平均3天缩短至4小时"}
        ],
        "成果指标_optional": [
          {"指标": "日均处理文档量", "数值": 2.6, "单位": "万份", "text": "日均处理公告、研报等文档约2.6万份"}
        ]
        """);

    [Fact]
    public void PercentagePoints_AreNotPercent()
    {
        var score = Score(new { 指标 = "集卡空驶率", 数值 = 12.5, 单位 = "%" });

        Assert.Equal(0, score.Precision);
        Assert.Equal(0, score.Recall);
    }

    [Fact]
    public void PercentagePoints_MatchPercentagePoints()
    {
        Assert.Equal(1, Score(new { 指标 = "集卡空驶率", 数值 = 12.5, 单位 = "个百分点" }).Precision);
    }

    [Fact]
    public void TenThousandYuan_AndHundredMillionYuan_AreConverted()
    {
        // 12000万元 = 1.2亿元; the names share enough bigrams (Dice 0.67) though neither contains the other.
        Assert.Equal(1, Score(new { 指标 = "避免经济损失", 数值 = 12000, 单位 = "万元" }).Precision);
        Assert.Equal(0, Score(new { 指标 = "避免经济损失", 数值 = 1200, 单位 = "万元" }).Precision);
    }

    [Fact]
    public void MinutesAndHours_AreConverted()
    {
        Assert.Equal(1, Score(new { 指标 = "理赔时效", 数值 = 240, 单位 = "分钟" }).Precision);
    }

    [Fact]
    public void DissimilarName_DoesNotMatch()
    {
        // Same value and unit, but "人工巡栏工时" shares no bigram with any gold name.
        Assert.Equal(0, Score(new { 指标 = "人工巡栏工时", 数值 = 4, 单位 = "小时" }).Precision);
    }

    [Fact]
    public void MatchOfAnOptionalMetric_IsIgnored()
    {
        var score = Score(
            new { 指标 = "集卡空驶率", 数值 = 12.5, 单位 = "个百分点" },
            new { 指标 = "日均处理文档量", 数值 = 2.6, 单位 = "万份" });

        Assert.Equal(1, score.Precision);
        Assert.Equal(1.0 / 3, score.Recall, 9);
    }

    [Fact]
    public void Matching_IsOneToOne()
    {
        var score = Score(
            new { 指标 = "集卡空驶率", 数值 = 12.5, 单位 = "个百分点" },
            new { 指标 = "空驶率", 数值 = 12.5, 单位 = "个百分点" });

        Assert.Equal(0.5, score.Precision);
        Assert.Equal(1.0 / 3, score.Recall, 9);
    }

    [Fact]
    public void ValueGivenAsNumericText_IsRead()
    {
        Assert.Equal(1, Score(new { 指标 = "集卡空驶率", 数值 = "12.5", 单位 = "个百分点" }).Precision);
    }

    [Fact]
    public void EmptyGold_WithEmptyPrediction_ScoresOne_AndAnyMetricThereIsAFalsePositive()
    {
        var noResults = TestRecords.Gold("application-case", """ "成果指标": [] """, "ac06.txt");

        var empty = MetricScorer.Score("成果指标", noResults, TestRecords.Field(Array.Empty<object>()));
        var absent = MetricScorer.Score("成果指标", noResults, null);
        var scope = MetricScorer.Score("成果指标", noResults, TestRecords.Field(new[] { new { 指标 = "覆盖部门", 数值 = 42, 单位 = "个" } }));

        Assert.Equal((1.0, 1.0, 1.0), (empty.Precision!.Value, empty.Recall, empty.F1));
        Assert.Equal((1.0, 1.0, 1.0), (absent.Precision!.Value, absent.Recall, absent.F1));
        Assert.Equal(0, scope.Precision);
        Assert.Equal(0, scope.F1);
    }

    [Theory]
    [InlineData("客服响应时间", "平均客服响应时间", true)]
    [InlineData("故障预警准确率", "预警准确率", true)]
    [InlineData("主图点击率", "制作周期", false)]
    [InlineData("", "漏检率", false)]
    public void Names_AreSimilarByContainmentOrDice(string left, string right, bool similar)
    {
        Assert.Equal(similar, MetricScorer.AreSimilarNames(TextNormalizer.Normalize(left), TextNormalizer.Normalize(right)));
    }

    private static DocumentFieldScore Score(params object[] metrics) =>
        MetricScorer.Score("成果指标", Port, TestRecords.Field(metrics));
}
