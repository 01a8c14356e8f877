namespace Wenjin.Text.Extraction;

/// <summary>
/// Chinese numerals, common (一二三 十百千 万亿) and financial (壹贰叁 拾佰仟), with 〇/零, 两 and the Traditional
/// 萬/億/兩: "一百二十" = 120, "三亿五千万" = 350000000, "一千零五" = 1005, "三十五点五" = 35.5, and digit strings
/// without a power ("二〇二四" = 2024).
/// </summary>
public static class ChineseNumeral
{
    /// <summary>The characters a Chinese numeral is made of (simplified, financial and Traditional forms), for patterns.</summary>
    public const string Characters = "零〇一二两兩貳三四五六七八九十百千万萬亿億壹贰叁肆伍陆陸柒捌玖拾佰仟";

    /// <summary>Longest run read; longer runs of numeral characters are not numbers anyone writes.</summary>
    public const int MaxRunLength = 24;

    /// <summary>The digit value of <paramref name="c"/>, or -1.</summary>
    public static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' or '壹' => 1,
        '二' or '两' or '贰' or '兩' or '貳' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' or '陸' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    /// <summary>10, 100 or 1000 for 十/拾, 百/佰, 千/仟; 0 otherwise.</summary>
    public static int Power(char c) => c switch
    {
        '十' or '拾' => 10,
        '百' or '佰' => 100,
        '千' or '仟' => 1000,
        _ => 0,
    };

    /// <summary>10⁴ for 万/萬, 10⁸ for 亿/億; 0 otherwise.</summary>
    public static decimal Section(char c) => c switch
    {
        '万' or '萬' => 10_000m,
        '亿' or '億' => 100_000_000m,
        _ => 0m,
    };

    public static bool IsNumeral(char c) => Digit(c) >= 0 || Power(c) > 0 || Section(c) > 0;

    /// <summary>
    /// The end of the numeral run starting at <paramref name="start"/>: numeral characters, and one 点 followed by
    /// digits (a decimal fraction); <paramref name="start"/> itself when there is none.
    /// </summary>
    public static int RunEnd(string text, int start)
    {
        int k = start;
        bool dot = false;
        while (k < text.Length && k - start < MaxRunLength)
        {
            char c = text[k];
            if (IsNumeral(c))
            {
                k++;
            }
            else if (c == '点' && !dot && k > start && k + 1 < text.Length && Digit(text[k + 1]) >= 0)
            {
                dot = true;
                k++;
            }
            else
            {
                break;
            }
        }

        return k;
    }

    /// <summary>
    /// Parses a run; <paramref name="isDigitString"/> tells a string of digits without powers ("二〇二四", "三").
    /// False for runs that are not one number ("三四", "十十").
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> run, out decimal value, out bool isDigitString)
    {
        value = 0;
        isDigitString = false;
        if (run.IsEmpty)
        {
            return false;
        }

        int dot = run.IndexOf('点');
        ReadOnlySpan<char> whole = dot < 0 ? run : run[..dot];
        ReadOnlySpan<char> fraction = dot < 0 ? [] : run[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty))
        {
            return false;
        }

        decimal fractionValue = 0, scale = 0.1m;
        foreach (char c in fraction)
        {
            int d = Digit(c);
            if (d < 0)
            {
                return false;
            }

            fractionValue += d * scale;
            scale /= 10;
        }

        if (IsDigitString(whole))
        {
            if (whole.Length > 18)
            {
                return false;
            }

            decimal digits = 0;
            foreach (char c in whole)
            {
                digits = (digits * 10) + Digit(c);
            }

            isDigitString = fraction.IsEmpty;
            value = digits + fractionValue;
            return true;
        }

        if (!TryParsePositional(whole, out decimal integer))
        {
            return false;
        }

        value = integer + fractionValue;
        return true;
    }

    /// <summary>The value of <paramref name="run"/>, or null when it is not one well-formed numeral.</summary>
    public static decimal? Parse(ReadOnlySpan<char> run) => TryParse(run, out decimal value, out _) ? value : null;

    private static bool IsDigitString(ReadOnlySpan<char> run)
    {
        foreach (char c in run)
        {
            if (Digit(c) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParsePositional(ReadOnlySpan<char> run, out decimal value)
    {
        value = 0;
        decimal total = 0, high = 0, section = 0;
        int digit = -1;
        try
        {
            foreach (char c in run)
            {
                int d = Digit(c);
                if (d >= 0)
                {
                    if (digit > 0)
                    {
                        return false;
                    }

                    digit = d;
                    continue;
                }

                int power = Power(c);
                if (power > 0)
                {
                    if (digit == 0)
                    {
                        return false;
                    }

                    section += (digit < 0 ? 1 : digit) * power;
                    digit = -1;
                    continue;
                }

                decimal sectionPower = Section(c);
                decimal pending = section + Math.Max(digit, 0);
                if (sectionPower == 10_000m)
                {
                    if (pending == 0)
                    {
                        return false;
                    }

                    high += pending * sectionPower;
                }
                else
                {
                    if (pending + high + total == 0)
                    {
                        return false;
                    }

                    total = (total + high + pending) * sectionPower;
                    high = 0;
                }

                section = 0;
                digit = -1;
            }

            value = total + high + section + Math.Max(digit, 0);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
