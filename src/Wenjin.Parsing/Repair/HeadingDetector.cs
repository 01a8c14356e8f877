using System.Text.RegularExpressions;

namespace Wenjin.Parsing.Repair;

/// <summary>
/// Recognizes the numbering of Chinese and decimal section headings: 第三章 (1), 一、 (1), 第二节 / （二） (2),
/// 1.2 (2), 1.2.3 (3), 1、 (3). A numbered line always starts a new block; it is a heading only when short and
/// without closing punctuation.
/// </summary>
internal static partial class HeadingDetector
{
    public const int MaxHeadingWidth = 60;

    /// <summary>The heading level implied by the line's numbering, or 0 when it has none.</summary>
    public static int NumberedLevel(string line)
    {
        if (ChapterPattern().IsMatch(line))
        {
            return 1;
        }

        if (ChineseOrdinalPattern().IsMatch(line))
        {
            return 1;
        }

        if (SectionPattern().IsMatch(line) || ParenthesizedOrdinalPattern().IsMatch(line))
        {
            return 2;
        }

        Match decimalMatch = DecimalPattern().Match(line);
        if (decimalMatch.Success)
        {
            return Math.Min(6, decimalMatch.Groups[1].Value.Count(c => c == '.') + 1);
        }

        return ArabicCommaPattern().IsMatch(line) ? 3 : 0;
    }

    /// <summary>
    /// True for Chinese ordinal numbering (第三章, 一、, 第二节, （二）), which cannot be the continuation of a broken
    /// sentence; decimal numbering ("1.2 …", "3、") can be a number wrapped onto a new line and starts a heading only
    /// at a paragraph boundary.
    /// </summary>
    public static bool IsOrdinalNumbering(string line) =>
        ChapterPattern().IsMatch(line) || ChineseOrdinalPattern().IsMatch(line)
        || SectionPattern().IsMatch(line) || ParenthesizedOrdinalPattern().IsMatch(line);

    /// <summary>True when a numbered line is short and unpunctuated enough to be a heading rather than a paragraph.</summary>
    public static bool IsHeadingText(string line) =>
        ScriptClass.Width(line) <= MaxHeadingWidth && !ScriptClass.EndsWithPunctuation(line);

    [GeneratedRegex(@"^第[一二三四五六七八九十百零〇两\d]{1,5}[章编篇部]")]
    private static partial Regex ChapterPattern();

    [GeneratedRegex(@"^[一二三四五六七八九十]{1,3}、")]
    private static partial Regex ChineseOrdinalPattern();

    [GeneratedRegex(@"^第[一二三四五六七八九十百零〇两\d]{1,5}节")]
    private static partial Regex SectionPattern();

    [GeneratedRegex(@"^[（(][一二三四五六七八九十]{1,3}[）)]")]
    private static partial Regex ParenthesizedOrdinalPattern();

    [GeneratedRegex(@"^(\d{1,2}(?:\.\d{1,2})+)\.?(?:\s+|(?![万亿千百元%％倍个年月日号点米吨公克升次人户家所]))[^\d\s.%]")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^\d{1,2}、")]
    private static partial Regex ArabicCommaPattern();
}
