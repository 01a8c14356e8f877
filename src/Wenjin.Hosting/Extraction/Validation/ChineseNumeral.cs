namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Reads Chinese numerals, ordinary (三十, 一千二百万) and financial (壹佰伍拾陆万捌仟), and digit-by-digit years
/// (二〇二四). 两 counts as 2, a leading 十 as 1十 (十二 = 12).
/// </summary>
internal static class ChineseNumeral
{
    /// <summary>The characters a Chinese numeral is made of.</summary>
    public const string Characters = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟";

    /// <summary>The value of <paramref name="text"/>, or null when it is not a well-formed numeral.</summary>
    public static decimal? Parse(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return null;
        }

        bool positional = true;
        foreach (char c in text)
        {
            if (Digit(c) < 0)
            {
                positional = false;
                break;
            }
        }

        decimal result = 0;
        if (positional)
        {
            foreach (char c in text)
            {
                result = (result * 10) + Digit(c);
            }

            return result;
        }

        decimal total = 0, section = 0;
        int number = -1;
        foreach (char c in text)
        {
            int digit = Digit(c);
            if (digit >= 0)
            {
                if (number >= 0 && number != 0)
                {
                    return null;
                }

                number = digit;
                continue;
            }

            decimal unit = c switch
            {
                '十' or '拾' => 10,
                '百' or '佰' => 100,
                '千' or '仟' => 1000,
                '万' => 10_000,
                '亿' => 100_000_000,
                _ => 0,
            };
            if (unit == 0)
            {
                return null;
            }

            if (unit >= 10_000)
            {
                decimal part = section + Math.Max(number, 0);
                total = unit == 100_000_000 ? (total + part) * unit : total + (part * unit);
                section = 0;
            }
            else
            {
                section += (number < 0 ? (unit == 10 ? 1 : 0) : number) * unit;
            }

            number = -1;
        }

        return total + section + Math.Max(number, 0);
    }

    private static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' or '壹' => 1,
        '二' or '两' or '贰' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };
}
