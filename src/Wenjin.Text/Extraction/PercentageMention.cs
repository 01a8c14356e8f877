namespace Wenjin.Text.Extraction;

/// <summary>A percentage: <see cref="Value"/> in percent ("92%" is 92, "百分之三十" is 30, "5‰" is 0.5).</summary>
public sealed record PercentageMention(decimal Value, TextSpan Span) : QuantityMention(Span)
{
    public override string Normalized => Format(Value) + "%";
}
