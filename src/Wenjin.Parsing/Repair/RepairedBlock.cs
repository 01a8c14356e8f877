using Wenjin.Documents;

namespace Wenjin.Parsing.Repair;

/// <summary>
/// A block recovered from converted text: a joined paragraph, a detected heading, a list item or a table row
/// (rendered "a | b | c"). <see cref="TableId"/> is unique within one repair result.
/// </summary>
public sealed record RepairedBlock(BlockKind Kind, string Text)
{
    public int Level { get; init; }

    public int? TableId { get; init; }

    public bool IsHeaderRow { get; init; }

    /// <summary>1-based page where the block starts, or null when the text has no known pages.</summary>
    public int? Page { get; init; }

    /// <summary>Later pages that begin inside this block (a paragraph running over a page break).</summary>
    internal IReadOnlyList<PageMark> PageMarks { get; init; } = [];
}
