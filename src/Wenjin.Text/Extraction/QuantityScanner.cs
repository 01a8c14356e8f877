using System.Globalization;

namespace Wenjin.Text.Extraction;

/// <summary>
/// Reads one quantity at a position of a width-folded <see cref="JoinedText"/> view: a date (2024年5月20日, 2024-05-20,
/// 2024/5/20, 2024.5.20, 2024年5月, 2024年, 5月20日, 二〇二四年五月), a percentage (92%, 9.27 %, 5‰, 百分之三十), an amount
/// of money (¥1,234,500.00 元, 人民币1,234,500元, 123.45万元, 1.2亿美元, 人民币壹佰万元整, 三千万元) or a number with an
/// optional multiplier (万, 亿 …), approximation (余, 多) and unit (200 余家, 3.5亿, 45 天, 2 个百分点).
/// Numbers glued to Latin letters (GPT-4, 5G, A100), ordinals (第3), clock times (14:30), versions (3.5.1) and list
/// markers ("1." at a line start, "(2)") are not quantities. Chinese numerals count only with a unit or in a date or
/// percentage, and only when they are at least two characters long or approximate (十余家), so 一个 and 十分 are not
/// numbers. Every read is bounded (a number of at most 15 integer digits, a numeral run of at most
/// <see cref="ChineseNumeral.MaxRunLength"/> characters), so scanning a text is linear.
/// </summary>
internal static class QuantityScanner
{
    private const int MaxIntegerDigits = 15;

    private static readonly (string Prefix, string Currency)[] CurrencyPrefixes =
    [
        ("人民币", "CNY"), ("RMB", "CNY"), ("CNY", "CNY"), ("¥", "CNY"), ("US$", "USD"), ("USD", "USD"), ("HK$", "HKD"),
        ("HKD", "HKD"), ("$", "USD"), ("€", "EUR"), ("EUR", "EUR"),
    ];

    /// <summary>Whether a quantity may start at <paramref name="i"/>: not inside a number, a Latin token or an ordinal.</summary>
    public static bool CanStart(string view, int i)
    {
        char c = view[i];
        char prev = i > 0 ? view[i - 1] : '\n';
        char prev2 = i > 1 ? view[i - 2] : '\n';
        if (char.IsAsciiDigit(c))
        {
            // Inside a Latin token, an ordinal, or a URL, path or query ("/news/2024/0520.html", "id=3").
            if (JoinedText.IsLatin(prev) || prev is '第' or '/' or '\\' or '=' or '_' or '#' or '@' or '&' or '?' or '~')
            {
                return false;
            }

            if (prev is '.' or ':' or ',' && char.IsAsciiDigit(prev2))
            {
                return false;
            }

            return !(prev is '-' or '_' or '.' && JoinedText.IsLatin(prev2));
        }

        if (c is '-' or '−')
        {
            return i + 1 < view.Length && char.IsAsciiDigit(view[i + 1]) && !JoinedText.IsLatin(prev) && prev is not (')' or '）' or '.');
        }

        if (c == '百' && StartsWith(view, i, "百分之"))
        {
            return true;
        }

        if (ChineseNumeral.Digit(c) >= 0 || c is '十' or '拾')
        {
            return !ChineseNumeral.IsNumeral(prev) && prev is not ('第' or '之' or '点' or '初');
        }

        if (TryMatchCurrencyPrefix(view, i, out _, out _))
        {
            return !JoinedText.IsLatin(prev);
        }

        return false;
    }

    /// <summary>Reads the quantity that starts at <paramref name="i"/>; false when none does.</summary>
    public static bool TryRead(string view, int i, out ScannedQuantity quantity)
    {
        quantity = default;
        if (StartsWith(view, i, "百分之"))
        {
            return TryReadChinesePercentage(view, i, out quantity);
        }

        string? prefixCurrency = null;
        int p = i;
        if (TryMatchCurrencyPrefix(view, i, out string currency, out int afterPrefix))
        {
            prefixCurrency = currency;
            p = SkipSpace(view, afterPrefix);
        }

        if (p >= view.Length || !TryReadNumber(view, p, out NumberToken number))
        {
            return false;
        }

        if (prefixCurrency is null)
        {
            if (number.IsYearLike && TryReadDate(view, i, number, out quantity))
            {
                return true;
            }

            int monthMark = SkipSpace(view, number.End);
            if (monthMark < view.Length && view[monthMark] is '月' or '日' or '号')
            {
                // "5月20日" is a date without a year; "5月", "20日" and "3号" alone are not quantities.
                return view[monthMark] == '月' && TryReadMonthDay(view, i, number, monthMark, out quantity);
            }
        }

        return TryReadTail(view, i, number, prefixCurrency, out quantity);
    }

    private static bool TryReadTail(string view, int start, NumberToken number, string? prefixCurrency, out ScannedQuantity quantity)
    {
        quantity = default;
        int n = view.Length;
        int afterSpace = SkipSpace(view, number.End);
        if (prefixCurrency is null && afterSpace < n && view[afterSpace] is '%' or '‰')
        {
            decimal percent = view[afterSpace] == '%' ? number.Value : number.Value / 10;
            string sign = view[afterSpace].ToString();
            quantity = new ScannedQuantity(QuantityKind.Percentage, start, afterSpace + 1, number.Value, "", sign, percent, null, 0, 0, 0);
            return true;
        }

        string multiplier = number.PeeledMultiplier;
        decimal factor = number.PeeledFactor;
        bool approximate = false;
        string unit = "";
        string? currency = prefixCurrency;
        int end = number.End;
        int k = number.End;
        decimal minor = 0;
        for (int step = 0; step < 6 && k < n; step++)
        {
            int at = SkipSpace(view, k);
            if (at >= n)
            {
                break;
            }

            if (QuantityUnits.TryMatchCurrency(view, at, out string word, out string code))
            {
                unit = word;
                currency = code;
                end = at + word.Length;
                if (word == "元")
                {
                    if (StartsWith(view, end, "人民币"))
                    {
                        end += 3;
                    }
                    else
                    {
                        end = ReadMinorUnits(view, end, ref minor);
                    }
                }

                if (end < n && view[end] is '整' or '正')
                {
                    end++;
                }

                break;
            }

            if (QuantityUnits.TryMatchUnit(view, at, out string measure, out int unitEnd))
            {
                unit = measure;
                end = unitEnd;
                break;
            }

            char c = view[at];
            decimal power = QuantityUnits.Multiplier(c);
            if (power > 0 && multiplier.Length < 2 && !number.IsChinese)
            {
                multiplier += c;
                factor *= power;
                k = at + 1;
                end = k;
                continue;
            }

            if (c is '余' or '多' && !approximate)
            {
                approximate = true;
                k = at + 1;
                continue;
            }

            break;
        }

        if (!Multiply(number.Value, factor, out decimal value))
        {
            return false;
        }

        if (currency is not null)
        {
            if (number.IsChinese && !number.IsLongEnough(approximate) && prefixCurrency is null)
            {
                return false;
            }

            string moneyUnit = unit.Length > 0 ? unit : CurrencyWord(currency);
            quantity = new ScannedQuantity(QuantityKind.Money, start, end, number.Value, multiplier, moneyUnit, value + minor, currency, 0, 0, 0);
            return true;
        }

        if (number.IsChinese)
        {
            if (unit.Length == 0 || !number.IsLongEnough(approximate))
            {
                return false;
            }
        }
        else if (unit.Length == 0 && multiplier.Length == 0 && !IsBareNumber(view, start, number))
        {
            return false;
        }

        quantity = new ScannedQuantity(QuantityKind.Number, start, end, number.Value, multiplier, unit, value, null, 0, 0, 0);
        return true;
    }

    /// <summary>An Arabic number with nothing after it counts unless it is a list marker, a time, a version or part of a token.</summary>
    private static bool IsBareNumber(string view, int start, NumberToken number)
    {
        int end = number.End;
        char next = end < view.Length ? view[end] : '\n';
        char afterNext = end + 1 < view.Length ? view[end + 1] : '\n';
        char prev = start > 0 ? view[start - 1] : '\n';
        if (JoinedText.IsLatin(next) || next is '/' or '\\' || (next is ':' or '.' or '-' && (char.IsAsciiDigit(afterNext) || char.IsAsciiLetter(afterNext))))
        {
            return false;
        }

        if (prev is '(' or '（' && next is ')' or '）')
        {
            return false;
        }

        bool lineStart = start == 0 || prev is '\n' or '\t';
        return !(lineStart && next is '.' or '、' or ')' or '）');
    }

    /// <summary>角 and 分 after 元 ("元陆角柒分"), added to <paramref name="minor"/> in 元.</summary>
    private static int ReadMinorUnits(string view, int at, ref decimal minor)
    {
        int k = at;
        foreach ((char mark, decimal scale) in new[] { ('角', 0.1m), ('分', 0.01m) })
        {
            if (k + 1 < view.Length && view[k + 1] == mark)
            {
                int d = char.IsAsciiDigit(view[k]) ? view[k] - '0' : ChineseNumeral.Digit(view[k]);
                if (d >= 0)
                {
                    minor += d * scale;
                    k += 2;
                }
            }
        }

        return k;
    }

    private static bool TryReadChinesePercentage(string view, int start, out ScannedQuantity quantity)
    {
        quantity = default;
        int p = start + 3;
        if (p >= view.Length)
        {
            return false;
        }

        decimal value;
        int end;
        if (char.IsAsciiDigit(view[p]))
        {
            if (!TryReadArabic(view, p, out NumberToken arabic))
            {
                return false;
            }

            value = arabic.Value;
            end = arabic.End;
        }
        else
        {
            end = ChineseNumeral.RunEnd(view, p);
            if (end == p || !ChineseNumeral.TryParse(view.AsSpan(p, end - p), out value, out _))
            {
                return false;
            }
        }

        quantity = new ScannedQuantity(QuantityKind.Percentage, start, end, value, "", "%", value, null, 0, 0, 0);
        return true;
    }

    private static bool TryReadDate(string view, int start, NumberToken number, out ScannedQuantity quantity)
    {
        quantity = default;
        int year = (int)number.Value;
        int n = view.Length;
        int k = SkipSpace(view, number.End);
        if (k < n && view[k] == '年')
        {
            if (StartsWith(view, k, "年代"))
            {
                return false;
            }

            int monthAt = SkipSpace(view, k + 1);
            if (TryReadSmall(view, monthAt, out int month, out int monthEnd) && month is >= 1 and <= 12)
            {
                int monthMark = SkipSpace(view, monthEnd);
                if (monthMark < n && view[monthMark] == '月')
                {
                    int dayAt = SkipSpace(view, monthMark + 1);
                    if (TryReadSmall(view, dayAt, out int day, out int dayEnd) && IsValidDay(year, month, day))
                    {
                        int dayMark = SkipSpace(view, dayEnd);
                        if (dayMark < n && view[dayMark] is '日' or '号')
                        {
                            quantity = Date(start, dayMark + 1, year, month, day);
                            return true;
                        }
                    }

                    quantity = Date(start, monthMark + 1, year, month, 0);
                    return true;
                }
            }

            if (year is >= 1900 and <= 2100)
            {
                quantity = Date(start, k + 1, year, 0, 0);
                return true;
            }

            return false;
        }

        // 2024-05-20, 2024/5/20, 2024.5.20, 2024-05, 2024/5: separators glued to the digits.
        if (number.IsChinese || number.End >= n || view[number.End] is not ('-' or '/' or '.'))
        {
            return false;
        }

        char separator = view[number.End];
        if (!TryReadDigits(view, number.End + 1, 2, out int m, out int mEnd) || m is < 1 or > 12)
        {
            return false;
        }

        if (mEnd < n && view[mEnd] == separator)
        {
            if (TryReadDigits(view, mEnd + 1, 2, out int d, out int dEnd) && IsValidDay(year, m, d) && !ContinuesNumber(view, dEnd))
            {
                quantity = Date(start, dEnd, year, m, d);
                return true;
            }

            return false;
        }

        if (separator == '.' || ContinuesNumber(view, mEnd))
        {
            return false;
        }

        quantity = Date(start, mEnd, year, m, 0);
        return true;
    }

    private static bool TryReadMonthDay(string view, int start, NumberToken number, int monthMark, out ScannedQuantity quantity)
    {
        quantity = default;
        if (number.Value is < 1 or > 12 || number.Value != decimal.Truncate(number.Value) || number.IsNegative)
        {
            return false;
        }

        int month = (int)number.Value;
        int dayAt = SkipSpace(view, monthMark + 1);
        if (!TryReadSmall(view, dayAt, out int day, out int dayEnd) || !IsValidDay(2000, month, day))
        {
            return false;
        }

        int dayMark = SkipSpace(view, dayEnd);
        if (dayMark >= view.Length || view[dayMark] is not ('日' or '号'))
        {
            return false;
        }

        quantity = Date(start, dayMark + 1, 0, month, day);
        return true;
    }

    private static ScannedQuantity Date(int start, int end, int year, int month, int day) =>
        new(QuantityKind.Date, start, end, 0, "", "", 0, null, year, month, day);

    private static bool IsValidDay(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    /// <summary>A month or day: one or two Arabic digits, or a Chinese numeral up to 31.</summary>
    private static bool TryReadSmall(string view, int at, out int value, out int end)
    {
        value = 0;
        end = at;
        if (at >= view.Length)
        {
            return false;
        }

        if (char.IsAsciiDigit(view[at]))
        {
            return TryReadDigits(view, at, 2, out value, out end);
        }

        int runEnd = ChineseNumeral.RunEnd(view, at);
        if (runEnd == at || runEnd - at > 3 || !ChineseNumeral.TryParse(view.AsSpan(at, runEnd - at), out decimal parsed, out _) || parsed is < 1 or > 31)
        {
            return false;
        }

        value = (int)parsed;
        end = runEnd;
        return true;
    }

    /// <summary>One to <paramref name="maxDigits"/> ASCII digits, not followed by another digit.</summary>
    private static bool TryReadDigits(string view, int at, int maxDigits, out int value, out int end)
    {
        value = 0;
        end = at;
        while (end < view.Length && end - at < maxDigits && char.IsAsciiDigit(view[end]))
        {
            value = (value * 10) + (view[end] - '0');
            end++;
        }

        return end > at && (end == view.Length || !char.IsAsciiDigit(view[end]));
    }

    private static bool ContinuesNumber(string view, int end) =>
        end < view.Length && (char.IsAsciiDigit(view[end]) || (view[end] is '-' or '/' or '.' && end + 1 < view.Length && char.IsAsciiDigit(view[end + 1])));

    private static bool TryReadNumber(string view, int at, out NumberToken number)
    {
        char c = view[at];
        if (char.IsAsciiDigit(c) || (c is '-' or '−' && at + 1 < view.Length && char.IsAsciiDigit(view[at + 1])))
        {
            return TryReadArabic(view, at, out number);
        }

        return TryReadChinese(view, at, out number);
    }

    private static bool TryReadArabic(string view, int at, out NumberToken number)
    {
        number = default;
        bool negative = view[at] is '-' or '−';
        int k = negative ? at + 1 : at;
        int digitsStart = k;
        while (k < view.Length && char.IsAsciiDigit(view[k]))
        {
            k++;
        }

        int integerDigits = k - digitsStart;
        bool grouped = false;
        if (integerDigits <= 3)
        {
            while (k < view.Length && view[k] == ',' && IsDigitGroup(view, k + 1))
            {
                grouped = true;
                integerDigits += 3;
                k += 4;
            }
        }

        if (integerDigits == 0 || integerDigits > MaxIntegerDigits)
        {
            return false;
        }

        bool fraction = false;
        if (k + 1 < view.Length && view[k] == '.' && char.IsAsciiDigit(view[k + 1]) && !(integerDigits == 4 && !grouped && IsDottedMonthDay(view, k)))
        {
            fraction = true;
            k++;
            while (k < view.Length && char.IsAsciiDigit(view[k]) && k - digitsStart < 28)
            {
                k++;
            }
        }

        string digits = view[digitsStart..k].Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
        {
            return false;
        }

        bool yearLike = !negative && !grouped && !fraction && integerDigits == 4 && value is >= 1000 and <= 2999;
        number = new NumberToken(negative ? -value : value, k, IsChinese: false, IsYearLike: yearLike, negative, RunLength: k - at, HasPower: false, "", 1m);
        return true;
    }

    /// <summary>".5.20" after a four-digit year: a date, not a decimal fraction.</summary>
    private static bool IsDottedMonthDay(string view, int dot)
    {
        int k = dot + 1;
        while (k < view.Length && k - dot <= 2 && char.IsAsciiDigit(view[k]))
        {
            k++;
        }

        return k - dot is 2 or 3 && k + 1 < view.Length && view[k] == '.' && char.IsAsciiDigit(view[k + 1]);
    }

    private static bool IsDigitGroup(string view, int at) =>
        at + 3 <= view.Length
        && char.IsAsciiDigit(view[at]) && char.IsAsciiDigit(view[at + 1]) && char.IsAsciiDigit(view[at + 2])
        && (at + 3 == view.Length || !char.IsAsciiDigit(view[at + 3]));

    private static bool TryReadChinese(string view, int at, out NumberToken number)
    {
        number = default;
        int end = ChineseNumeral.RunEnd(view, at);
        if (end == at)
        {
            return false;
        }

        ReadOnlySpan<char> run = view.AsSpan(at, end - at);
        if (!ChineseNumeral.TryParse(run, out decimal value, out bool digitString))
        {
            return false;
        }

        bool hasPower = false;
        bool hasSection = false;
        foreach (char c in run)
        {
            hasPower |= ChineseNumeral.Power(c) > 0;
            hasSection |= ChineseNumeral.Section(c) > 0;
        }

        // A trailing 万 or 亿 of a simple run is the multiplier, as in Arabic "100万": 壹佰万元 is 100 × 万 元.
        string peeled = "";
        decimal factor = 1m;
        if (run.Length > 1 && ChineseNumeral.Section(run[^1]) > 0 && !run.Contains('点'))
        {
            int cut = run.Length - 1;
            if (cut > 1 && ChineseNumeral.Section(run[cut - 1]) > 0)
            {
                cut--;
            }

            ReadOnlySpan<char> head = run[..cut];
            bool headHasSection = false;
            foreach (char c in head)
            {
                headHasSection |= ChineseNumeral.Section(c) > 0;
            }

            if (!headHasSection && ChineseNumeral.TryParse(head, out decimal headValue, out _))
            {
                decimal f = 1m;
                foreach (char c in run[cut..])
                {
                    f *= ChineseNumeral.Section(c);
                }

                peeled = NormalizeSections(run[cut..]);
                factor = f;
                value = headValue;
            }
        }

        bool yearLike = digitString && run.Length == 4 && value is >= 1000 and <= 2999;
        number = new NumberToken(
            value, end, IsChinese: true, IsYearLike: yearLike, IsNegative: false, RunLength: run.Length, hasPower || hasSection, peeled, factor);
        return true;
    }

    private static string NormalizeSections(ReadOnlySpan<char> sections)
    {
        Span<char> buffer = stackalloc char[sections.Length];
        for (int k = 0; k < sections.Length; k++)
        {
            buffer[k] = ChineseNumeral.Section(sections[k]) == 10_000m ? '万' : '亿';
        }

        return buffer.ToString();
    }

    private static bool TryMatchCurrencyPrefix(string view, int at, out string currency, out int end)
    {
        foreach ((string prefix, string code) in CurrencyPrefixes)
        {
            if (StartsWith(view, at, prefix))
            {
                int next = SkipSpace(view, at + prefix.Length);
                bool latin = char.IsAsciiLetter(prefix[0]);
                if (latin && at + prefix.Length < view.Length && char.IsAsciiLetter(view[at + prefix.Length]))
                {
                    continue;
                }

                if (next < view.Length && (char.IsAsciiDigit(view[next]) || ChineseNumeral.Digit(view[next]) >= 0 || view[next] is '十' or '拾'))
                {
                    currency = code;
                    end = at + prefix.Length;
                    return true;
                }
            }
        }

        currency = "";
        end = at;
        return false;
    }

    private static string CurrencyWord(string currency) => currency switch
    {
        "USD" => "美元",
        "HKD" => "港元",
        "EUR" => "欧元",
        "JPY" => "日元",
        "GBP" => "英镑",
        _ => "元",
    };

    private static bool Multiply(decimal a, decimal b, out decimal product)
    {
        try
        {
            product = a * b;
            return true;
        }
        catch (OverflowException)
        {
            product = 0;
            return false;
        }
    }

    /// <summary>One optional space (the view has at most one in a row).</summary>
    private static int SkipSpace(string view, int at) => at < view.Length && view[at] == ' ' ? at + 1 : at;

    private static bool StartsWith(string view, int at, string word) =>
        at + word.Length <= view.Length && string.CompareOrdinal(view, at, word, 0, word.Length) == 0;

    /// <summary>A number read at a position: its value as written and what the tail rules need to know about it.</summary>
    private readonly record struct NumberToken(
        decimal Value,
        int End,
        bool IsChinese,
        bool IsYearLike,
        bool IsNegative,
        int RunLength,
        bool HasPower,
        string PeeledMultiplier,
        decimal PeeledFactor)
    {
        /// <summary>Chinese numerals count as a number from two characters on (三十), or one power made approximate (十余).</summary>
        public bool IsLongEnough(bool approximate) => !IsChinese || RunLength >= 2 || (HasPower && approximate);
    }
}
