using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// Reads a field's value out of a piece of text (a label's value, a table cell): text as written, the first URL, the
/// first number (money converted to the field's unit, a bracketed unit of the label applied), the first full date as
/// YYYY-MM-DD, or the enum value the text names.
/// </summary>
internal static partial class FieldValueReader
{
    /// <summary>The value of <paramref name="field"/> in <paramref name="text"/>, or null; <paramref name="labelUnit"/> is the label's bracketed unit ("万元") or "".</summary>
    public static JsonNode? Read(SchemaField field, string text, string labelUnit)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return field.Kind switch
        {
            FieldKind.String => JsonValue.Create(text),
            FieldKind.Url => FirstUrl(text) is { } url ? JsonValue.Create(url) : null,
            FieldKind.Number or FieldKind.Integer => ReadNumber(field, text, labelUnit, moneyOnly: false) is decimal n ? JsonValue.Create(n) : null,
            FieldKind.Date => ReadDate(text) is { } date ? JsonValue.Create(date) : null,
            FieldKind.Enum => MatchEnum(field.EnumValues, text) is { } value ? JsonValue.Create(value) : null,
            _ => null,
        };
    }

    /// <summary>The first quantity of <paramref name="text"/> that reads as the field's number (dates skipped).</summary>
    public static decimal? ReadNumber(SchemaField field, string text, string labelUnit, bool moneyOnly)
    {
        foreach (var mention in DocumentReading.QuantitiesOf(text))
        {
            if (mention is DateMention)
            {
                continue;
            }

            return ValueOf(field, mention, text, labelUnit, moneyOnly);
        }

        return null;
    }

    /// <summary>
    /// The number a quantity mention gives the field, or null when it cannot: money in 元 converted to the field's unit
    /// (元, 千元, 万元, 亿元; another currency only for a field without a money unit), a bare number scaled by a bracketed
    /// unit of the label or right after it ("386.5（万元）"), a percentage as its percent value. With
    /// <paramref name="moneyOnly"/>, only money and bare numbers count. An integer field takes whole numbers only.
    /// </summary>
    public static decimal? ValueOf(SchemaField field, QuantityMention mention, string text, string labelUnit, bool moneyOnly)
    {
        string? fieldUnit = field.Unit;
        decimal? value = mention switch
        {
            MoneyMention money when IsMoneyUnit(fieldUnit) && money.Currency != "CNY" => null,
            MoneyMention money => ToFieldUnit(money.Amount, fieldUnit, "元"),
            NumberMention number when moneyOnly && number.Unit.Length > 0 => null,
            NumberMention number => ScaledNumber(number, text, labelUnit, fieldUnit),
            PercentageMention percentage when !moneyOnly => percentage.Value,
            _ => null,
        };

        if (value is not decimal v || (field.Kind == FieldKind.Integer && v != decimal.Truncate(v)))
        {
            return null;
        }

        return v / 1.000000000000000000000000000000000m;
    }

    public static string? ReadDate(string text) =>
        DateMentionFinder.First(FoldedText.Create(text)) is DateOnly date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;

    /// <summary>The first http(s) URL in <paramref name="text"/>, without trailing punctuation.</summary>
    public static string? FirstUrl(string text)
    {
        var match = UrlPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        string url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', '\'', '"');
        if (url.EndsWith(')') && !url.Contains('(', StringComparison.Ordinal))
        {
            url = url[..^1];
        }

        return Uri.TryCreate(url, UriKind.Absolute, out _) ? url : null;
    }

    /// <summary>The enum value <paramref name="text"/> is, or else the one it names first (the longest at the same place).</summary>
    public static string? MatchEnum(IReadOnlyList<string> values, string text)
    {
        string folded = FoldedText.Fold(text);
        string? exact = values.FirstOrDefault(v => FoldedText.Fold(v) == folded);
        if (exact is not null)
        {
            return exact;
        }

        return values
            .Select(v => (Value: v, At: FoldedText.Fold(v) is { Length: > 0 } f ? folded.IndexOf(f, StringComparison.Ordinal) : -1))
            .Where(m => m.At >= 0)
            .OrderBy(m => m.At)
            .ThenByDescending(m => m.Value.Length)
            .Select(m => m.Value)
            .FirstOrDefault();
    }

    public static bool IsMoneyUnit(string? unit) => unit is not null && unit.EndsWith('元');

    /// <summary>The unit in brackets right after [.., end) of <paramref name="text"/> ("（万元）"), or "".</summary>
    public static string BracketUnitAfter(string text, int end)
    {
        int k = end;
        while (k < text.Length && text[k] == ' ')
        {
            k++;
        }

        if (k >= text.Length || text[k] is not ('(' or '（'))
        {
            return "";
        }

        int close = text.IndexOfAny([')', '）'], k + 1);
        return close > k + 1 && close - k <= 8 ? text[(k + 1)..close].Trim() : "";
    }

    private static decimal? ScaledNumber(NumberMention number, string text, string labelUnit, string? fieldUnit)
    {
        string unit = labelUnit.Length > 0 ? labelUnit : BracketUnitAfter(text, number.Span.End);
        string written = number.Span.Of(text);
        decimal value = number.Value;
        bool hasMultiplier = written.AsSpan().ContainsAny("万亿千百");
        if (number.Unit.Length == 0 && !hasMultiplier && unit.Length > 0)
        {
            value *= Scale(unit, out _);
        }

        if (IsMoneyUnit(fieldUnit) || IsMoneyUnit(unit))
        {
            return number.Unit.Length == 0 ? ToFieldUnit(value, fieldUnit, "元") : null;
        }

        return number.Unit.Length > 0 && fieldUnit is not null ? ToFieldUnit(value, fieldUnit, number.Unit) : value;
    }

    /// <summary>A value in base units (元, 人 …) in <paramref name="fieldUnit"/>, when that unit is the base with a multiplier.</summary>
    private static decimal ToFieldUnit(decimal value, string? fieldUnit, string baseUnit)
    {
        if (fieldUnit is null || !fieldUnit.EndsWith(baseUnit, StringComparison.Ordinal))
        {
            return value;
        }

        decimal scale = Scale(fieldUnit[..^baseUnit.Length], out bool whole);
        return whole ? value / scale : value;
    }

    /// <summary>The multiplier a unit starts with (万元 → 10000); <paramref name="whole"/> when the prefix is nothing but it.</summary>
    private static decimal Scale(string unit, out bool whole)
    {
        string trimmed = unit.Trim().TrimStart('人', '民', '币');
        (string Prefix, decimal Scale)[] scales = [("万亿", 1_000_000_000_000m), ("百万", 1_000_000m), ("千万", 10_000_000m), ("亿", 100_000_000m), ("万", 10_000m), ("千", 1_000m)];
        foreach (var (prefix, scale) in scales)
        {
            if (trimmed.StartsWith(prefix, StringComparison.Ordinal))
            {
                whole = trimmed.Length == prefix.Length;
                return scale;
            }
        }

        whole = trimmed.Length == 0;
        return 1m;
    }

    [GeneratedRegex(@"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
