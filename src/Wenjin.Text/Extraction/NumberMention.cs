namespace Wenjin.Text.Extraction;

/// <summary>
/// A number with its unit: <see cref="Value"/> has the multiplier applied ("3.5亿" is 350000000, "200万人" is 2000000
/// with unit "人"); <see cref="Unit"/> is the measure word or unit as written without the multiplier ("家", "天",
/// "个百分点", "TB"), "" for a bare number.
/// </summary>
public sealed record NumberMention(decimal Value, string Unit, TextSpan Span) : QuantityMention(Span)
{
    public override string Normalized => Format(Value) + Unit;
}
