using System.Globalization;

namespace Wenjin.Text.Extraction;

/// <summary>
/// A calendar date as precise as it was written: <see cref="Value"/> is "2024-05-20", "2024-05", "2024", or "--05-20"
/// (ISO 8601's form without a year, for "5月20日").
/// </summary>
public sealed record DateMention(int? Year, int? Month, int? Day, TextSpan Span) : QuantityMention(Span)
{
    /// <summary>The date in ISO 8601 form, as precise as it was written.</summary>
    public string Value => (Year, Month, Day) switch
    {
        ({ } y, { } m, { } d) => string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}-{d:D2}"),
        ({ } y, { } m, null) => string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}"),
        ({ } y, null, null) => y.ToString("D4", CultureInfo.InvariantCulture),
        (null, { } m, { } d) => string.Create(CultureInfo.InvariantCulture, $"--{m:D2}-{d:D2}"),
        _ => "",
    };

    public override string Normalized => Value;
}
