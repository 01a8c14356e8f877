namespace Wenjin.Parsing.Repair;

/// <summary>
/// One raw line handed to the repairer, with the 1-based page it came from (0 when unknown) and whether the layout
/// suggested a heading (a PDF line set in a larger font).
/// </summary>
internal readonly record struct SourceLine(string Text, int Page, bool HeadingHint = false);
