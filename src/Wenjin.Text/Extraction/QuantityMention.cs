using System.Globalization;

namespace Wenjin.Text.Extraction;

/// <summary>
/// A quantity found in a text by <see cref="QuantityExtractor"/>: one of <see cref="NumberMention"/>,
/// <see cref="PercentageMention"/>, <see cref="MoneyMention"/> or <see cref="DateMention"/>. <see cref="Span"/> is the
/// verbatim quote (prefix, number, multiplier and unit: "￥1,234,500.00 元", "百分之三十", "2024年5月20日").
/// </summary>
public abstract record QuantityMention(TextSpan Span)
{
    /// <summary>The normalized value as text: "45天", "30%", "1234500 CNY", "2024-05-20".</summary>
    public abstract string Normalized { get; }

    /// <summary>A decimal without trailing zeros, invariant culture ("1234500", "9.27").</summary>
    protected static string Format(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
