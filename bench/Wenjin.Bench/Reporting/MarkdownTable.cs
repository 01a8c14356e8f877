using System.Text;

namespace Wenjin.Bench.Reporting;

/// <summary>A GitHub-flavoured Markdown table; columns are padded so it also reads well in a terminal.</summary>
internal sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public MarkdownTable(params string[] headers)
    {
        _headers = headers;
    }

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public override string ToString()
    {
        int[] widths = [.. _headers.Select((header, column) => _rows.Select(row => row[column].Length).Prepend(header.Length).Max())];
        var text = new StringBuilder();
        AppendLine(text, _headers, widths);
        AppendLine(text, [.. widths.Select(width => new string('-', width))], widths);
        foreach (string[] row in _rows)
        {
            AppendLine(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (int i = 0; i < cells.Length; i++)
        {
            text.Append(' ').Append(cells[i].PadRight(widths[i])).Append(" |");
        }

        text.AppendLine();
    }
}
