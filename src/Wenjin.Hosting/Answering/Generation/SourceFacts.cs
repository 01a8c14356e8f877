using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Wenjin.Text.Normalization;

namespace Wenjin.Hosting.Answering.Generation;

/// <summary>
/// The facts a source text holds, indexed so that a claimed <see cref="Fact"/> can be checked against it; and
/// (<see cref="ClaimsOf"/>) the facts an answer sentence states, which a cited source must hold for the sentence to be
/// kept. Both sides go through the same scanner, after folding full-width characters to ASCII:
/// <list type="bullet">
/// <item>Numbers: integers, decimals, digit groups (1,000; an ASCII comma only), with % or ‰ ("percent"), with
/// multipliers folded into the value (3.5亿, 35000万 and 350 million are one number), with a Latin unit glued to them
/// (100MW, 72B: the unit must match too); other units (元, 台, 年) are not compared. A number matches only as a whole
/// number: 92% is not 192%, 92.5%, 92‰ or 0.92. In a range ("5-10%") the first number takes the second one's % and
/// multiplier. "N个百分点" is a number of percentage points, not a percentage.</item>
/// <item>Dates: 2024年3月15日, 2024-03-15, 2024/3/15, 2024.3.15, 2024年3月, 3月15日; a source's full date also supports
/// the claims of its year and month or month and day.</item>
/// <item>Chinese numerals with a place character (三十五, 一千万, 二十亿), with 点 (三点五), after 百分之 (a percentage), and
/// years written digit by digit (二〇二四年); a source also counts a single numeral before a measure word (三项).</item>
/// <item>Names: Latin words of two or more characters with a digit or an inner capital (GPU, Qwen2.5, H100, iPhone), or
/// capitalised but not the sentence's first word (Beijing), matched as whole words ignoring case (H100 is not H1000, Qwen2 is not Qwen2.5); versions such as
/// 1.2.3 likewise.</item>
/// <item>Quoted text (claims only): what stands inside 《》 “” 「」 『』 〈〉 or "" must occur in the source as written,
/// ignoring white space, width and case.</item>
/// </list>
/// The scanner is linear in the text (the one regular expression has bounded quantifiers only).
/// </summary>
internal sealed partial class SourceFacts
{
    private const string ChineseDigits = "零〇一二两三四五六七八九";
    private const string ChinesePlaces = "十百千万亿";
    private const string Multipliers = "百千万亿兆";
    private const int MaxLatinUnit = 8;
    private const int MaxChineseRun = 24;
    private const int MaxLatinWord = 64;

    // Longer "quotations" are not checked as one fact (the overlap check still applies); bounds the scan.
    private const int MaxQuote = 300;

    // Measure words after which a source's single numeral counts as a number (三项, 两台); too common in answers
    // (一个, 一种) to count there.
    private static readonly SearchValues<char> MeasureWords = SearchValues.Create("个项台家名位次种条倍年月日号人张件座所款批轮期届岁天周");

    private static readonly string[] RangeJoints = ["-", "~", "～", "–", "—", "至", "到"];

    private static readonly (char Open, char Close)[] Quotes = [('《', '》'), ('“', '”'), ('「', '」'), ('『', '』'), ('〈', '〉'), ('"', '"')];

    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly string _folded;
    private readonly string _compact;

    /// <summary>Indexes the facts of <paramref name="text"/> (a passage, or one of its sentences).</summary>
    public SourceFacts(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var fact in Scan(text, source: true))
        {
            if (fact.IsNumeric)
            {
                _keys.Add(fact.Key);
            }
        }

        _folded = CharacterFolder.Shared.Fold(text);
        _compact = WithoutWhiteSpace(_folded);
    }

    /// <summary>The facts a sentence states, in text order.</summary>
    public static List<Fact> ClaimsOf(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return Scan(sentence, source: false);
    }

    /// <summary>Whether this source holds <paramref name="fact"/> (see the type's contract).</summary>
    public bool Supports(Fact fact)
    {
        if (fact.IsNumeric)
        {
            if (_keys.Contains(fact.Key))
            {
                return true;
            }

            // A Latin unit the source writes apart from its number ("100 MW" for "100MW").
            return fact.Key.Contains('|', StringComparison.Ordinal)
                && ContainsWord(_compact, WithoutWhiteSpace(CharacterFolder.Shared.Fold(fact.Text)), lettersEndWord: true);
        }

        return fact.IsQuoted ? _compact.Contains(fact.Key, StringComparison.Ordinal) : ContainsWord(_folded, fact.Key, lettersEndWord: false);
    }

    private static List<Fact> Scan(string original, bool source)
    {
        string text = HalfWidth(original);
        var facts = new List<Fact>();
        var taken = new bool[text.Length];
        AddDates(text, original, source, facts, taken);
        AddLatinWords(text, original, source, facts, taken);
        AddNumbers(text, original, source, facts, taken);
        AddChineseNumbers(text, original, source, facts, taken);
        if (!source)
        {
            AddQuotes(text, original, facts);
        }

        facts.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Key, b.Key));
        return facts;
    }

    private static void AddDates(string text, string original, bool source, List<Fact> facts, bool[] taken)
    {
        foreach (Match match in DatePattern().Matches(text))
        {
            GroupCollection g = match.Groups;
            Group? year, day;
            Group month;
            if (g[2].Success)
            {
                (year, month, day) = (g[1], g[2], g[3].Success ? g[3] : null);
            }
            else if (g[6].Success)
            {
                (year, month, day) = (g[4], g[6], g[7]);
            }
            else
            {
                (year, month, day) = (null, g[8], g[9]);
            }

            int m = int.Parse(month.ValueSpan, CultureInfo.InvariantCulture);
            int d = day is null ? 0 : int.Parse(day.ValueSpan, CultureInfo.InvariantCulture);
            if (m is < 1 or > 12 || (day is not null && d is < 1 or > 31))
            {
                continue;
            }

            string y = year is null ? "*" : int.Parse(year.ValueSpan, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            string mk = m.ToString(CultureInfo.InvariantCulture);
            string dk = day is null ? "*" : d.ToString(CultureInfo.InvariantCulture);
            Array.Fill(taken, true, match.Index, match.Length);
            if (!source)
            {
                facts.Add(new Fact(original.Substring(match.Index, match.Length), DateKey(y, mk, dk), true, false, match.Index));
                continue;
            }

            // A full date also supports a claim of its year and month, or of its month and day; its parts are numbers.
            AddKey(facts, DateKey(y, mk, dk), match.Index);
            if (y != "*" && dk != "*")
            {
                AddKey(facts, DateKey(y, mk, "*"), match.Index);
                AddKey(facts, DateKey("*", mk, dk), match.Index);
            }

            foreach (string part in (ReadOnlySpan<string>)[y, mk, dk])
            {
                if (part != "*")
                {
                    AddKey(facts, NumberKey(part, string.Empty, 0, string.Empty, null), match.Index);
                }
            }
        }
    }

    /// <summary>Latin words (letters first); those that look like names become facts. Digits inside them are not numbers.</summary>
    private static void AddLatinWords(string text, string original, bool source, List<Fact> facts, bool[] taken)
    {
        int n = text.Length;
        int firstLetter = -1;
        for (int k = 0; k < n && firstLetter < 0; k++)
        {
            if (char.IsLetter(text[k]))
            {
                firstLetter = k;
            }
        }

        int i = 0;
        while (i < n)
        {
            if (!char.IsAsciiLetter(text[i]) || taken[i] || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                i++;
                continue;
            }

            int end = i + 1;
            bool digit = false, innerCapital = false;
            while (end < n)
            {
                char c = text[end];
                if (char.IsAsciiLetterOrDigit(c))
                {
                    digit |= char.IsAsciiDigit(c);
                    innerCapital |= char.IsAsciiLetterUpper(c);
                    end++;
                }
                else if (c is '.' or '-' or '_' && end + 1 < n && char.IsAsciiLetterOrDigit(text[end + 1]))
                {
                    end++;
                }
                else
                {
                    break;
                }
            }

            while (end < n && end - i < MaxLatinWord && text[end] is '+' or '#')
            {
                end++; // C++, C#
            }

            Array.Fill(taken, true, i, end - i);
            bool capitalised = char.IsAsciiLetterUpper(text[i]) && i != firstLetter;
            if (!source && end - i >= 2 && (digit || innerCapital || capitalised))
            {
                string written = original[i..end];
                facts.Add(new Fact(written, CharacterFolder.Shared.Fold(written), false, false, i));
            }

            i = end;
        }
    }

    private static void AddNumbers(string text, string original, bool source, List<Fact> facts, bool[] taken)
    {
        int n = text.Length;
        var numbers = new List<(int Start, int End, int Shown, string Whole, string Fraction, int Scale, string Kind, string? Unit)>();
        int i = 0;
        while (i < n)
        {
            if (!char.IsAsciiDigit(text[i]) || taken[i] || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                i++;
                continue;
            }

            int j = i;
            while (j < n && char.IsAsciiDigit(text[j]))
            {
                j++;
            }

            bool grouped = false;
            if (j - i <= 3)
            {
                // Only an ASCII comma groups digits: "100，200，300" is a list.
                while (j < n && original[j] == ',' && IsDigitGroup(text, j + 1))
                {
                    j += 4;
                    grouped = true;
                }
            }

            string whole = grouped ? text[i..j].Replace(",", string.Empty, StringComparison.Ordinal) : text[i..j];
            string fraction = string.Empty;
            if (j + 1 < n && text[j] == '.' && char.IsAsciiDigit(text[j + 1]))
            {
                int k = j + 1;
                while (k < n && char.IsAsciiDigit(text[k]))
                {
                    k++;
                }

                if (k + 1 < n && text[k] == '.' && char.IsAsciiDigit(text[k + 1]))
                {
                    // 1.2.3: a version or an address, compared as written.
                    while (k + 1 < n && text[k] == '.' && char.IsAsciiDigit(text[k + 1]))
                    {
                        k++;
                        while (k < n && char.IsAsciiDigit(text[k]))
                        {
                            k++;
                        }
                    }

                    Array.Fill(taken, true, i, k - i);
                    if (!source)
                    {
                        string written = original[i..k];
                        facts.Add(new Fact(written, CharacterFolder.Shared.Fold(written), false, false, i));
                    }

                    i = k;
                    continue;
                }

                fraction = text[(j + 1)..k];
                j = k;
            }

            int end = j, scale = 0;
            string kind = i >= 3 && text.AsSpan(i - 3, 3).SequenceEqual("百分之") ? "%" : string.Empty;
            string? unit = null;
            int s = j < n && text[j] is ' ' or '\t' ? j + 1 : j;
            if (s < n && text[s] is '%' or '‰')
            {
                kind = text[s] == '%' ? "%" : "‰";
                end = s + 1;
            }
            else if (text.AsSpan(s).StartsWith("个百分点") || text.AsSpan(s).StartsWith("百分点"))
            {
                kind = "pp";
                end = text.IndexOf('点', s) + 1;
            }
            else if (EnglishScale(text, s) is (int wordEnd, string wordKind, int wordScale))
            {
                (end, kind, scale) = (wordEnd, wordKind.Length > 0 ? wordKind : kind, wordScale);
            }
            else
            {
                int k = s;
                while (k < n && k - s < 2 && Multipliers.Contains(text[k], StringComparison.Ordinal))
                {
                    scale += MultiplierExponent(text[k]);
                    k++;
                }

                int u = k > s ? k : j;
                end = k > s ? k : j;
                int ue = u;
                while (ue < n && char.IsAsciiLetter(text[ue]))
                {
                    ue++;
                }

                if (ue > u && ue - u <= MaxLatinUnit && (ue == n || !char.IsAsciiDigit(text[ue])))
                {
                    unit = text[u..ue].ToLowerInvariant();
                    end = ue;
                }
            }

            // What a detail shows: the number with a measure word after it ("100台").
            int shown = unit is null && kind.Length == 0 && end < n && (MeasureWords.Contains(text[end]) || text[end] == '元') ? end + 1 : end;
            Array.Fill(taken, true, i, end - i);
            numbers.Add((i, end, shown, whole, fraction, scale, kind, unit));
            i = end;
        }

        // "5-10%", "3至5万": a bare first number of a range takes the second one's %, multiplier and unit.
        for (int r = numbers.Count - 2; r >= 0; r--)
        {
            var (a, b) = (numbers[r], numbers[r + 1]);
            if (a.Kind.Length == 0 && a.Scale == 0 && a.Unit is null && (b.Kind.Length > 0 || b.Scale != 0 || b.Unit is not null)
                && RangeJoints.Contains(text[a.End..b.Start].Trim(), StringComparer.Ordinal))
            {
                numbers[r] = a with { Scale = b.Scale, Kind = b.Kind, Unit = b.Unit };
            }
        }

        foreach (var number in numbers)
        {
            string key = NumberKey(number.Whole, number.Fraction, number.Scale, number.Kind, number.Unit);
            if (!source)
            {
                facts.Add(new Fact(original[number.Start..number.Shown], key, true, false, number.Start));
                continue;
            }

            AddKey(facts, key, number.Start);
            if (number.Unit is not null)
            {
                AddKey(facts, NumberKey(number.Whole, number.Fraction, number.Scale, number.Kind, null), number.Start);
            }
        }
    }

    private static void AddChineseNumbers(string text, string original, bool source, List<Fact> facts, bool[] taken)
    {
        int n = text.Length;
        int i = 0;
        while (i < n)
        {
            if (taken[i] || !IsChineseNumeral(text[i]) || (i > 0 && IsChineseNumeral(text[i - 1])))
            {
                i++;
                continue;
            }

            int j = i;
            while (j < n && j - i < MaxChineseRun && IsChineseNumeral(text[j]))
            {
                j++;
            }

            int wholeEnd = j;
            string fraction = string.Empty;
            int scale = 0;
            if (j + 1 < n && text[j] == '点' && IsChineseDigit(text[j + 1]))
            {
                int k = j + 1;
                var digits = new StringBuilder();
                while (k < n && IsChineseDigit(text[k]))
                {
                    digits.Append((char)('0' + ChineseDigitValue(text[k])));
                    k++;
                }

                fraction = digits.ToString();
                j = k;
                if (j < n && text[j] is '万' or '亿')
                {
                    scale = MultiplierExponent(text[j]);
                    j++;
                }
            }

            ReadOnlySpan<char> whole = text.AsSpan(i, wholeEnd - i);
            bool percent = i >= 3 && text.AsSpan(i - 3, 3).SequenceEqual("百分之");
            bool startsLikeNumber = text[i] == '十' || (IsChineseDigit(text[i]) && text[i] is not ('零' or '〇'));
            bool placed = whole.IndexOfAny(ChinesePlaces) >= 0;
            bool year = !placed && whole.Length >= 2 && wholeEnd < n && text[wholeEnd] == '年';
            bool accepted = percent || (startsLikeNumber && ((placed && whole.Length >= 2) || fraction.Length > 0 || year));
            if (!accepted && source)
            {
                accepted = startsLikeNumber && whole.Length == 1 && wholeEnd < n && MeasureWords.Contains(text[wholeEnd]);
            }

            if (accepted && TryParseChinese(whole, out decimal value))
            {
                Array.Fill(taken, true, i, j - i);
                string key = NumberKey(value.ToString(CultureInfo.InvariantCulture), fraction, scale, percent ? "%" : string.Empty, null);
                int start = percent ? i - 3 : i;
                facts.Add(new Fact(source ? string.Empty : original[start..j], key, true, false, start));
            }

            i = j;
        }
    }

    private static void AddQuotes(string text, string original, List<Fact> facts)
    {
        int i = 0;
        while (i < text.Length)
        {
            int pair = Array.FindIndex(Quotes, q => q.Open == text[i]);
            int close = pair < 0 ? -1 : text.IndexOf(Quotes[pair].Close, i + 1, Math.Min(MaxQuote + 1, text.Length - i - 1));
            if (close < 0)
            {
                i++;
                continue;
            }

            string key = WithoutWhiteSpace(CharacterFolder.Shared.Fold(original[(i + 1)..close]));
            if (key.Length > 0)
            {
                facts.Add(new Fact(original[i..(close + 1)], key, false, true, i));
            }

            // Straight quotes open and close with the same character; curly and angle ones may nest.
            i = Quotes[pair].Open == Quotes[pair].Close ? close + 1 : i + 1;
        }
    }

    /// <summary>Parses 三十五, 一千零二十, 三万五千, 二十亿 and digit-by-digit 二〇二四; false for 七八十 and other non-numbers.</summary>
    private static bool TryParseChinese(ReadOnlySpan<char> run, out decimal value)
    {
        value = 0;
        if (run.IndexOfAny(ChinesePlaces) < 0)
        {
            foreach (char c in run)
            {
                value = (value * 10) + ChineseDigitValue(c);
            }

            return true;
        }

        decimal total = 0, section = 0;
        int digit = -1;
        bool lastNonZero = false;
        foreach (char c in run)
        {
            int d = ChineseDigitValue(c);
            if (d >= 0)
            {
                if (d > 0 && lastNonZero)
                {
                    return false; // 七八十, 一两: an approximate range, not a number
                }

                digit = d;
                lastNonZero = d > 0;
                continue;
            }

            lastNonZero = false;
            switch (c)
            {
                case '十':
                    section += (digit <= 0 ? 1 : digit) * 10;
                    break;
                case '百' or '千':
                    if (digit <= 0)
                    {
                        return false;
                    }

                    section += digit * (c == '百' ? 100 : 1000);
                    break;
                case '万':
                    total += (section + Math.Max(digit, 0)) * 10_000;
                    section = 0;
                    break;
                default: // 亿
                    if (total + section > 1e12m)
                    {
                        return false;
                    }

                    total = (total + section + Math.Max(digit, 0)) * 100_000_000;
                    section = 0;
                    break;
            }

            digit = -1;
        }

        value = total + section + Math.Max(digit, 0);
        return value > 0;
    }

    /// <summary>
    /// "n:" + kind + the value as digits without leading or trailing zeros and a power of ten (+ "|" + a Latin unit):
    /// 3.5亿, 35000万 and 350,000,000 share one key; 92% and 192% do not.
    /// </summary>
    private static string NumberKey(string whole, string fraction, int scale, string kind, string? unit)
    {
        string digits = (whole + fraction).TrimStart('0');
        int exponent = scale - fraction.Length;
        int length = digits.Length;
        while (length > 0 && digits[length - 1] == '0')
        {
            length--;
            exponent++;
        }

        string value = length == 0 ? "0e0" : string.Create(CultureInfo.InvariantCulture, $"{digits.AsSpan(0, length)}e{exponent}");
        return unit is null ? $"n:{kind}{value}" : $"n:{kind}{value}|{unit}";
    }

    /// <summary>"percent", "thousand", "million", "billion", "trillion" at <paramref name="at"/>: where it ends, its kind and its power of ten.</summary>
    private static (int End, string Kind, int Scale)? EnglishScale(string text, int at)
    {
        int end = at;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
        {
            end++;
        }

        return text.AsSpan(at, end - at).ToString().ToLowerInvariant() switch
        {
            "percent" => (end, "%", 0),
            "thousand" => (end, string.Empty, 3),
            "million" => (end, string.Empty, 6),
            "billion" => (end, string.Empty, 9),
            "trillion" => (end, string.Empty, 12),
            _ => null,
        };
    }

    private static string DateKey(string year, string month, string day) => $"d:{year}|{month}|{day}";

    private static void AddKey(List<Fact> facts, string key, int start) => facts.Add(new Fact(string.Empty, key, true, false, start));

    /// <summary>
    /// Whether <paramref name="needle"/> occurs in <paramref name="haystack"/> not glued to other letters or digits
    /// before it, and not followed by more digits of the same number (H100 in H1000, Qwen2 in Qwen2.5); when
    /// <paramref name="lettersEndWord"/>, not followed by more letters either (100mw in 100mwh).
    /// </summary>
    private static bool ContainsWord(string haystack, string needle, bool lettersEndWord)
    {
        if (needle.Length == 0)
        {
            return false;
        }

        for (int at = haystack.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            int end = at + needle.Length;
            bool before = at == 0
                || !(char.IsAsciiLetterOrDigit(haystack[at - 1])
                    || (char.IsAsciiDigit(needle[0]) && haystack[at - 1] is '.' or ',' && at >= 2 && char.IsAsciiDigit(haystack[at - 2])));
            bool after = end == haystack.Length
                || (char.IsAsciiDigit(needle[^1])
                    ? !char.IsAsciiDigit(haystack[end]) && !(haystack[end] is '.' or ',' && end + 1 < haystack.Length && char.IsAsciiDigit(haystack[end + 1]))
                    : !lettersEndWord || !char.IsAsciiLetter(haystack[end]));
            if (before && after)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDigitGroup(string text, int at) =>
        at + 3 <= text.Length && char.IsAsciiDigit(text[at]) && char.IsAsciiDigit(text[at + 1]) && char.IsAsciiDigit(text[at + 2])
        && (at + 3 == text.Length || !char.IsAsciiDigit(text[at + 3]));

    private static int MultiplierExponent(char c) => c switch
    {
        '百' => 2,
        '千' => 3,
        '万' => 4,
        '亿' => 8,
        _ => 12, // 兆
    };

    private static bool IsChineseDigit(char c) => ChineseDigits.Contains(c, StringComparison.Ordinal);

    private static bool IsChineseNumeral(char c) => IsChineseDigit(c) || ChinesePlaces.Contains(c, StringComparison.Ordinal);

    private static int ChineseDigitValue(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    /// <summary>Full-width ASCII to ASCII and the ideographic space to a space, case kept; same length as the input.</summary>
    private static string HalfWidth(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (int i = 0; i < source.Length; i++)
        {
            char c = source[i];
            span[i] = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c == '\u3000' ? ' ' : c;
        }
    });

    private static string WithoutWhiteSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Year-month[-day] with 年月日, Y-M-D with one of - / . as separator, or month-day with 月日. Bounded quantifiers
    // and no nested repetition: matching is linear.
    [GeneratedRegex(
        @"(?<![0-9])([0-9]{4}) ?年 ?([0-9]{1,2}) ?月(?: ?([0-9]{1,2}) ?[日号])?|(?<![0-9.])([0-9]{4})([-/.])([0-9]{1,2})\5([0-9]{1,2})(?![0-9])|(?<![0-9])([0-9]{1,2}) ?月 ?([0-9]{1,2}) ?[日号]",
        RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
