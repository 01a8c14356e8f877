namespace Wenjin.Bench.Extraction;

/// <summary>
/// Reads Chinese numerals, ordinary (三十, 二〇二四 digit by digit) and financial capitals (壹佰伍拾陆万捌仟), the way the
/// evaluation set's checker (check_expected.py) reads them.
/// </summary>
internal static class ChineseNumeral
{
    private const string Characters = "零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿";

    public static bool IsNumeral(char c) => Characters.Contains(c, StringComparison.Ordinal);

    /// <summary>The value of a run of numeral characters, or null when a character is not a numeral.</summary>
    public static long? Parse(string text)
    {
        long total = 0;
        long section = 0;
        long? digit = null;
        foreach (char c in text)
        {
            if (Digit(c) is { } d)
            {
                digit = d;
            }
            else if (Unit(c) is { } unit)
            {
                section += (digit ?? 1) * unit;
                digit = null;
            }
            else if (c is '万' or '亿')
            {
                section += digit ?? 0;
                total = c == '亿' ? (total + section) * 100_000_000 : total + (section * 10_000);
                section = 0;
                digit = null;
            }
            else
            {
                return null;
            }
        }

        return total + section + (digit ?? 0);
    }

    /// <summary>A run of plain digit characters read digit by digit (二〇二四 → 2024), or null.</summary>
    public static long? ParseDigits(string text)
    {
        long value = 0;
        foreach (char c in text)
        {
            if (Digit(c) is not { } d)
            {
                return null;
            }

            value = (value * 10) + d;
        }

        return text.Length > 0 ? value : null;
    }

    private static int? Digit(char c) => c switch
    {
        '零' or '〇' or '○' => 0,
        '一' or '壹' => 1,
        '二' or '贰' or '两' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => null,
    };

    private static int? Unit(char c) => c switch
    {
        '十' or '拾' => 10,
        '百' or '佰' => 100,
        '千' or '仟' => 1000,
        _ => null,
    };
}
