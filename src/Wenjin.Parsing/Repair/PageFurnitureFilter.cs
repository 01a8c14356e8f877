using System.Text.RegularExpressions;

namespace Wenjin.Parsing.Repair;

/// <summary>
/// Removes page furniture from converted text: page-number lines ("- 3 -", "第 3 页 共 9 页", "Page 3 of 9", "3/9")
/// anywhere, and header/footer lines that repeat (digits ignored) among the first or last two lines of at least half
/// of the pages.
/// Blank lines around removed furniture are removed too, so a sentence broken by a page break joins up again.
/// </summary>
internal static partial class PageFurnitureFilter
{
    private const int EdgeLines = 2;
    private const int MaxFurnitureWidth = 80;

    public static bool IsPageNumber(string normalizedLine) => PageNumberPattern().IsMatch(normalizedLine);

    /// <summary>Filters <paramref name="lines"/> (normalized text, page per line); blank lines have empty text.</summary>
    public static List<NormalizedLine> Filter(List<NormalizedLine> lines)
    {
        var removed = new bool[lines.Count];
        for (int i = 0; i < lines.Count; i++)
        {
            removed[i] = lines[i].Text.Length > 0 && IsPageNumber(lines[i].Text);
        }

        MarkRepeatedEdges(lines, removed);

        var kept = new List<NormalizedLine>(lines.Count);
        int next = 0;
        while (next < lines.Count)
        {
            if (lines[next].Text.Length > 0 && !removed[next])
            {
                kept.Add(lines[next]);
                next++;
                continue;
            }

            int runStart = next;
            bool anyRemoved = false;
            while (next < lines.Count && (lines[next].Text.Length == 0 || removed[next]))
            {
                anyRemoved |= removed[next];
                next++;
            }

            if (!anyRemoved)
            {
                kept.AddRange(lines.GetRange(runStart, next - runStart));
            }
        }

        return kept;
    }

    private static void MarkRepeatedEdges(List<NormalizedLine> lines, bool[] removed)
    {
        var pages = lines.Select((line, index) => (line, index))
            .Where(x => x.line.Text.Length > 0 && !removed[x.index])
            .GroupBy(x => x.line.Page)
            .ToList();
        if (pages.Count < 2)
        {
            return;
        }

        var keyPages = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var candidates = new List<(int Index, string Key)>();
        foreach (var page in pages)
        {
            var items = page.ToList();
            var edges = items.Take(EdgeLines).Concat(items.Skip(Math.Max(EdgeLines, items.Count - EdgeLines)));
            foreach (var (line, index) in edges)
            {
                if (ScriptClass.Width(line.Text) > MaxFurnitureWidth || line.IsTableRow)
                {
                    continue;
                }

                string key = DigitsPattern().Replace(line.Text, "#");
                if (!keyPages.TryGetValue(key, out HashSet<int>? set))
                {
                    set = [];
                    keyPages[key] = set;
                }

                set.Add(page.Key);
                candidates.Add((index, key));
            }
        }

        int needed = Math.Max(2, (pages.Count + 1) / 2);
        foreach (var (index, key) in candidates)
        {
            if (keyPages[key].Count >= needed)
            {
                removed[index] = true;
            }
        }
    }

    [GeneratedRegex(@"^(?:[-—–~_]\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-—–~_]|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumberPattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsPattern();
}
