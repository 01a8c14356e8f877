using System.Globalization;
using System.Text.RegularExpressions;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Finds the calendar dates of a folded text: 2024年5月20日, 2024-05-20, 2024/5/20, 2024.05.20 and
/// 二〇二四年八月二十六日. A match that is not a real date (2024年2月30日) is skipped.
/// </summary>
internal static partial class DateMentionFinder
{
    public static IEnumerable<(int Start, int End, DateOnly Date)> Find(FoldedText text)
    {
        string folded = text.Value;
        foreach (Match match in Pattern().Matches(folded))
        {
            // A digit right before or after, with nothing removed between, means the match is part of a longer number.
            int end = match.Index + match.Length;
            if ((match.Index > 0 && char.IsAsciiDigit(folded[match.Index - 1]) && !text.HasGapBefore(match.Index))
                || (end < folded.Length && char.IsAsciiDigit(folded[end]) && !text.HasGapBefore(end)))
            {
                continue;
            }

            int? year = Read(match.Groups["y"].Value);
            int? month = Read(match.Groups["m"].Value);
            int? day = Read(match.Groups["d"].Value);
            if (year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year.Value, month.Value))
            {
                yield return (match.Index, match.Index + match.Length, new DateOnly(year.Value, month.Value, day.Value));
            }
        }
    }

    /// <summary>The first date in <paramref name="text"/>, or null.</summary>
    public static DateOnly? First(FoldedText text) => Find(text).Select(m => (DateOnly?)m.Date).FirstOrDefault();

    private static int? Read(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number
        : ChineseNumeral.Parse(text) is decimal value ? (int)value
        : null;

    [GeneratedRegex(@"(?:(?<y>\d{4}|[〇零一二三四五六七八九]{4})年(?<m>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日?|(?<y>\d{4})(?<s>[-/.])(?<m>\d{1,2})\k<s>(?<d>\d{1,2}))", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
