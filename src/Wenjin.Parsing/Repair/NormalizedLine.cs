namespace Wenjin.Parsing.Repair;

/// <summary>
/// A line after character normalization: its text (empty for a blank line), page, whether it was indented in the
/// source, whether the layout hinted a heading, and its table cells when it is a table row.
/// </summary>
internal sealed record NormalizedLine(string Text, int Page, bool Indented, bool HeadingHint, string[]? Cells)
{
    public bool IsTableRow => Cells is not null;
}
