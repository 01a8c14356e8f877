namespace Wenjin.Text.Extraction;

/// <summary>
/// A result metric (指标, 数值, 单位) stated in a text: "客服响应时间缩短 45%" is (客服响应时间, 缩短, 45, "%").
/// <see cref="Value"/> is the number as written and <see cref="Unit"/> the multiplier and unit after it ("万元", "亿元",
/// "%", "小时", "家", "万"); for "由 3 天缩短至 4 小时" the value is the one reached and <see cref="FromValue"/> the one
/// before. <see cref="Span"/> quotes the whole phrase, the other spans its parts; all are offsets into the text given.
/// </summary>
public sealed record ResultMetric(
    string Metric,
    string Verb,
    MetricChange Change,
    double Value,
    string Unit,
    TextSpan Span,
    TextSpan MetricSpan,
    TextSpan VerbSpan,
    TextSpan ValueSpan)
{
    /// <summary>The value before the change ("由 3 天" → 3), or null.</summary>
    public double? FromValue { get; init; }

    /// <summary>The unit of <see cref="FromValue"/>, or null.</summary>
    public string? FromUnit { get; init; }

    /// <summary>The quote of the value before the change ("3 天"), or null.</summary>
    public TextSpan? FromSpan { get; init; }
}
