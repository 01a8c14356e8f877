using System.Globalization;
using System.Text.RegularExpressions;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Finds the numbers of a folded text (<see cref="FoldedText"/>: full-width digits already ASCII, no white space):
/// Arabic numbers with optional thousands separators and decimals (1,234,500.00), optionally followed by a scale
/// 万/亿/千 (in brackets too: 386.5(万元)) and by 元, % or 成; and Chinese numerals of two or more characters
/// (壹佰伍拾陆万捌仟, 三十) or one followed by 成 (六成 = 60 per cent).
/// </summary>
internal static partial class NumberMentionFinder
{
    public static List<WrittenNumber> Find(string folded)
    {
        var mentions = new List<WrittenNumber>();
        foreach (Match match in Pattern().Matches(folded))
        {
            bool tenths = match.Groups["tail"].Value == "成";
            if (match.Groups["num"].Success)
            {
                decimal written = decimal.Parse(match.Groups["num"].Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                decimal? scaled = match.Groups["scale"].Value switch
                {
                    "万亿" => written * 1_000_000_000_000m,
                    "亿" => written * 100_000_000m,
                    "万" => written * 10_000m,
                    "千" => written * 1_000m,
                    _ => tenths ? written * 10 : null,
                };
                mentions.Add(new WrittenNumber(match.Index, match.Index + match.Length, written, scaled));
                continue;
            }

            string numeral = match.Groups["cn"].Value;
            if ((numeral.Length < 2 && !tenths) || ChineseNumeral.Parse(numeral) is not decimal value)
            {
                continue;
            }

            mentions.Add(new WrittenNumber(match.Index, match.Index + match.Length, value, tenths ? value * 10 : null));
        }

        return mentions;
    }

    [GeneratedRegex(@"(?<![\d.])(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\((?<scale>万亿|亿|万|千)元?\)|(?<scale>万亿|亿|万|千))?(?<tail>元|%|成)?|(?<cn>[" + ChineseNumeral.Characters + @"]+)(?<tail>元|成)?", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
