using System.Globalization;
using System.Text.Json.Nodes;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The date hint: the first full date after an occurrence of a cue word (arguments, in order), close to it and in the
/// same clause; else the latest date of the document, dates that bound a range ("2024年1月1日至2026年12月31日", a
/// service period rather than an event) left out unless every date does. Dates are read as the validator reads them
/// (<see cref="DateMentionFinder"/>: 2024年5月20日, 2024-05-20, 2024/5/20, 二〇二四年五月二十日, across line breaks).
/// </summary>
internal static class DateProposer
{
    /// <summary>The most characters between a cue and its date ("发布时间：" has one).</summary>
    public const int MaxGap = 12;

    private static readonly string[] RangeJoins = ["至", "到", "~", "-", "—", "–", "－", "～"];

    public static JsonNode? Propose(SourceHint hint, DocumentReading reading)
    {
        var compact = reading.Compact;
        var dates = DateMentionFinder.Find(compact).ToList();
        if (dates.Count == 0)
        {
            return null;
        }

        string folded = compact.Value;
        foreach (string cue in hint.Arguments)
        {
            string needle = FoldedText.Fold(cue);
            if (needle.Length == 0)
            {
                continue;
            }

            for (int at = folded.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = folded.IndexOf(needle, at + 1, StringComparison.Ordinal))
            {
                int cueEnd = at + needle.Length;
                var next = dates.FirstOrDefault(d => d.Start >= cueEnd);
                if (next.End > 0 && IsCloseGap(folded.AsSpan(cueEnd, next.Start - cueEnd)))
                {
                    return Format(next.Date);
                }
            }
        }

        var events = dates.Where((d, i) => !BoundsRange(folded, dates, i)).ToList();
        var pool = events.Count > 0 ? events : dates;
        return Format(pool.Max(d => d.Date));
    }

    private static bool IsCloseGap(ReadOnlySpan<char> gap)
    {
        if (gap.Length > MaxGap || gap.ContainsAny("。;,!?") || gap.Count(':') > 1)
        {
            return false;
        }

        return true;
    }

    private static bool BoundsRange(string folded, List<(int Start, int End, DateOnly Date)> dates, int i)
    {
        bool JoinedWith(int a, int b) =>
            RangeJoins.Contains(folded[dates[a].End..dates[b].Start], StringComparer.Ordinal);

        return (i + 1 < dates.Count && JoinedWith(i, i + 1)) || (i > 0 && JoinedWith(i - 1, i));
    }

    private static JsonValue Format(DateOnly date) => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
