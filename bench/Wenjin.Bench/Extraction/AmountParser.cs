using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// An amount of money in 元 from a predicted value: a JSON number is taken as 元 (what the schema asks for); text such
/// as "98.6万元", "￥1,234,500.00元" or "壹佰伍拾陆万捌仟元整" is read like check_expected.py reads 中标金额_text (the
/// first Arabic number, times 10⁴ or 10⁸ when 万 or 亿 follows within four characters; else Chinese capitals before 元).
/// </summary>
internal static partial class AmountParser
{
    public static decimal? Parse(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out decimal number) => number,
        JsonValueKind.String => ParseText(value.GetString()!),
        _ => null,
    };

    public static decimal? ParseText(string text)
    {
        string folded = text.Normalize(NormalizationForm.FormKC);
        Match arabic = ArabicNumber().Match(folded);
        if (arabic.Success)
        {
            if (!decimal.TryParse(arabic.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal number))
            {
                return null;
            }

            int end = arabic.Index + arabic.Length;
            string after = folded.Substring(end, Math.Min(4, folded.Length - end));
            return after.Contains('亿', StringComparison.Ordinal) ? number * 100_000_000m
                : after.Contains('万', StringComparison.Ordinal) ? number * 10_000m
                : number;
        }

        Match capitals = ChineseAmount().Match(folded);
        return capitals.Success && ChineseNumeral.Parse(capitals.Groups[1].Value) is { } value ? value : null;
    }

    [GeneratedRegex(@"[0-9][0-9,]*(?:\.[0-9]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex ArabicNumber();

    [GeneratedRegex("([零壹贰叁肆伍陆柒捌玖拾佰仟万亿一二三四五六七八九十百千]+)元", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseAmount();
}
