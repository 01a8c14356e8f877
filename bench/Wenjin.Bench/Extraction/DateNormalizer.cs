using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// A predicted date as <c>YYYY-MM-DD</c>: "2024-05-20", "2024/5/20", "2024.5.20", "2024年5月20日", "2024 年 9 月 12 日",
/// "二〇二四年八月二十六日", or an ISO date-time (its date part). Anything else is null, so it can never be correct.
/// </summary>
internal static partial class DateNormalizer
{
    public static string? Normalize(JsonElement value) => value.ValueKind == JsonValueKind.String ? Normalize(value.GetString()!) : null;

    public static string? Normalize(string text)
    {
        string compact = TextNormalizer.Normalize(text);
        Match arabic = ArabicDate().Match(compact);
        if (arabic.Success)
        {
            return Format(
                int.Parse(arabic.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(arabic.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(arabic.Groups[3].Value, CultureInfo.InvariantCulture));
        }

        Match chinese = ChineseDate().Match(compact);
        if (chinese.Success
            && ChineseNumeral.ParseDigits(chinese.Groups[1].Value) is { } year
            && ChineseNumeral.Parse(chinese.Groups[2].Value) is { } month
            && ChineseNumeral.Parse(chinese.Groups[3].Value) is { } day)
        {
            return Format((int)year, (int)month, (int)day);
        }

        return null;
    }

    private static string? Format(int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}");
    }

    [GeneratedRegex(@"^([0-9]{4})[年\-/.]([0-9]{1,2})[月\-/.]([0-9]{1,2})(?:日|t[0-9:.]+(?:z|[+\-][0-9:]+)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ArabicDate();

    [GeneratedRegex("^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]+)月([一二三四五六七八九十]+)日$", RegexOptions.CultureInvariant)]
    private static partial Regex ChineseDate();
}
