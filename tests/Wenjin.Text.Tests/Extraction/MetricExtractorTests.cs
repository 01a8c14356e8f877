using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

public sealed class MetricExtractorTests
{
    private static readonly MetricExtractor Extractor = new();

    [Theory]
    [InlineData("上线后，客服响应时间缩短 45%。", "客服响应时间", "缩短", MetricChange.Decreased, 45, "%", "客服响应时间缩短 45%")]
    [InlineData("模型准确率达到97.6%。", "模型准确率", "达到", MetricChange.Reached, 97.6, "%", "模型准确率达到97.6%")]
    [InlineData("整体效率提升 9.27%。", "整体效率", "提升", MetricChange.Increased, 9.27, "%", "整体效率提升 9.27%")]
    [InlineData("营收同比增长 12%。", "营收", "增长", MetricChange.Increased, 12, "%", "营收同比增长 12%")]
    [InlineData("净利润较去年增长3.5亿元。", "净利润", "增长", MetricChange.Increased, 3.5, "亿元", "净利润较去年增长3.5亿元")]
    [InlineData("故障率下降了约30％。", "故障率", "下降", MetricChange.Decreased, 30, "%", "故障率下降了约30％")]
    [InlineData("ＧＰＵ利用率提高了 2 个百分点。", "GPU利用率", "提高", MetricChange.Increased, 2, "个百分点", "ＧＰＵ利用率提高了 2 个百分点")]
    [InlineData("平均处理时长降至 8 分钟。", "平均处理时长", "降至", MetricChange.Decreased, 8, "分钟", "平均处理时长降至 8 分钟")]
    [InlineData("模型参数量达到 70 亿。", "模型参数量", "达到", MetricChange.Reached, 70, "亿", "模型参数量达到 70 亿")]
    [InlineData("第四条 单程距离超过800公里的，可乘飞机。", "单程距离", "超过", MetricChange.Reached, 800, "公里", "单程距离超过800公里")]
    public void Reads_a_phrase_a_verb_and_a_value(string text, string metric, string verb, MetricChange change, double value, string unit, string quote)
    {
        ResultMetric result = Assert.Single(Extractor.Extract(text));
        Assert.Equal((metric, verb, change, value, unit), (result.Metric, result.Verb, result.Change, result.Value, result.Unit));
        Assert.Equal(quote, result.Span.Of(text));
        Assert.Equal(verb, result.VerbSpan.Of(text));
        Assert.Null(result.FromValue);
    }

    [Fact]
    public void Reads_through_a_hard_line_break_inside_the_verb()
    {
        const string Text = "经过三个月的调优，千卡并行的有效算力达\n到 92%，训练稳定。";
        ResultMetric result = Assert.Single(Extractor.Extract(Text));
        Assert.Equal(("有效算力", "达到", 92.0, "%"), (result.Metric, result.Verb, result.Value, result.Unit));
        Assert.Equal("有效算力达\n到 92%", result.Span.Of(Text));
        Assert.Equal("有效算力", result.MetricSpan.Of(Text));
        Assert.Equal("达\n到", result.VerbSpan.Of(Text));
        Assert.Equal("92%", result.ValueSpan.Of(Text));
    }

    [Fact]
    public void Reads_the_object_after_a_saving_verb()
    {
        const string Text = "每年节省人力成本约 1200 万元。";
        ResultMetric result = Assert.Single(Extractor.Extract(Text));
        Assert.Equal(("人力成本", "节省", MetricChange.Decreased, 1200.0, "万元"), (result.Metric, result.Verb, result.Change, result.Value, result.Unit));
        Assert.Equal("节省人力成本约 1200 万元", result.Span.Of(Text));
        Assert.Equal("1200 万元", result.ValueSpan.Of(Text));
    }

    [Fact]
    public void Reads_the_value_before_and_after_a_change()
    {
        const string Text = "处理时长由 3 天缩短至 4 小时。";
        ResultMetric result = Assert.Single(Extractor.Extract(Text));
        Assert.Equal(("处理时长", "缩短", 4.0, "小时"), (result.Metric, result.Verb, result.Value, result.Unit));
        Assert.Equal((3.0, "天"), (result.FromValue, result.FromUnit));
        Assert.Equal("3 天", result.FromSpan!.Value.Of(Text));
        Assert.Equal("4 小时", result.ValueSpan.Of(Text));
        Assert.Equal("处理时长由 3 天缩短至 4 小时", result.Span.Of(Text));
    }

    [Theory]
    [InlineData("智能客服已覆盖 200 余家网点。", "网点", "覆盖", 200, "家", "覆盖 200 余家网点")]
    [InlineData("该行每天需要处理超过３万通来电。", "来电", "超过", 3, "万通", "超过３万通来电")]
    public void Reads_the_counted_noun_after_a_measure_word(string text, string metric, string verb, double value, string unit, string quote)
    {
        ResultMetric result = Assert.Single(Extractor.Extract(text));
        Assert.Equal((metric, verb, value, unit), (result.Metric, result.Verb, result.Value, result.Unit));
        Assert.Equal(quote, result.Span.Of(text));
    }

    [Theory]
    [InlineData("召回率提升至0.95。")]
    [InlineData("为客户节省 1200 万元。")]
    [InlineData("项目为期 3 天。")]
    [InlineData("满意度明显提升。")]
    [InlineData("于2024年5月达到预期。")]
    [InlineData("提升 30%。")]
    [InlineData("表达了 30% 的意见。")]
    [InlineData("住宿费标准为每人每天不超过350元。")]
    public void Emits_nothing_without_both_a_metric_phrase_and_a_value_with_a_unit(string text)
    {
        Assert.Empty(Extractor.Extract(text));
    }

    [Fact]
    public void Reads_the_metrics_of_a_converted_report_with_verbatim_parts()
    {
        string text = ExtractionSamples.CaseReport;
        IReadOnlyList<ResultMetric> metrics = Extractor.Extract(text);

        Assert.Equal(
            [
                "来电 超过 3 万通", "客服响应时间 缩短 45 %", "问题解决率 达到 97.6 %", "人力成本 节省 1200 万元", "有效算力 达到 92 %",
                "模型训练时长 缩短 4 小时", "GPU利用率 提升 9.27 %", "网点 覆盖 200 家", "成本 节约 30 %",
            ],
            metrics.Select(m => $"{m.Metric} {m.Verb} {m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {m.Unit}"));
        foreach (ResultMetric metric in metrics)
        {
            Assert.Equal(VerbatimText.Compact(metric.Metric), VerbatimText.Compact(metric.MetricSpan.Of(text)));
            Assert.Equal(metric.Verb, VerbatimText.Compact(metric.VerbSpan.Of(text)));
            foreach (TextSpan part in new[] { metric.MetricSpan, metric.VerbSpan, metric.ValueSpan })
            {
                Assert.True(part.Start >= metric.Span.Start && part.End <= metric.Span.End, "Every part lies inside the phrase.");
            }

            // The value's quote, read alone, is one quantity: the evidence holds the whole value and nothing else.
            Assert.Single(new QuantityExtractor().Extract(VerbatimText.Compact(metric.ValueSpan.Of(text))));
        }
    }
}
