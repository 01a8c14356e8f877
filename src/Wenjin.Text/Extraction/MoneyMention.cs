namespace Wenjin.Text.Extraction;

/// <summary>
/// An amount of money: <see cref="Amount"/> in the main unit of <see cref="Currency"/> (an ISO 4217 code; 元 for CNY),
/// multipliers applied ("123.45万元" is 1234500 CNY, "1.2亿美元" is 120000000 USD, "人民币壹佰万元整" is 1000000 CNY).
/// </summary>
public sealed record MoneyMention(decimal Amount, string Currency, TextSpan Span) : QuantityMention(Span)
{
    public override string Normalized => Format(Amount) + " " + Currency;
}
