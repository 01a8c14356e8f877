namespace Wenjin.Parsing.Repair;

/// <summary>Recognizes a table row in plain text: '|'-separated (Markdown style) or tab-separated columns.</summary>
internal static class TableRowReader
{
    /// <summary>The cells of <paramref name="line"/> when it is a table row; null otherwise.</summary>
    public static string[]? ReadCells(string line)
    {
        if (line.Contains('\t'))
        {
            string[] tabCells = line.Split('\t', StringSplitOptions.TrimEntries);
            if (tabCells.Count(c => c.Length > 0) >= 2)
            {
                return tabCells;
            }
        }

        int pipes = line.Count(c => c == '|');
        if (pipes == 0)
        {
            return null;
        }

        string trimmed = line.Trim();
        bool framed = trimmed.StartsWith('|') || trimmed.EndsWith('|');
        if (pipes < 2 && !framed)
        {
            return null;
        }

        string inner = trimmed;
        if (inner.StartsWith('|'))
        {
            inner = inner[1..];
        }

        if (inner.EndsWith('|'))
        {
            inner = inner[..^1];
        }

        string[] cells = inner.Split('|', StringSplitOptions.TrimEntries);
        return cells.Length >= 2 ? cells : null;
    }

    /// <summary>True for a Markdown header separator row such as |---|:---:|.</summary>
    public static bool IsSeparator(string[] cells) =>
        cells.All(c => c.Length > 0 && c.Trim(':').Length > 0 && c.Trim(':').All(ch => ch is '-' or '—' or '–' or '='));

    /// <summary>Renders cells as the stored row text "a | b | c".</summary>
    public static string Render(IEnumerable<string> cells) => string.Join(" | ", cells);
}
