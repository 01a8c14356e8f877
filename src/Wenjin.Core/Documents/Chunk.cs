namespace Wenjin.Documents;

/// <summary>
/// A retrievable unit cut from a <see cref="ParsedDocument"/>. [Start, End) is the span of the document text it
/// covers. <see cref="Text"/> is what gets indexed and shown: the span's text, except that a table chunk repeats its
/// table's header row(s) first, so Text may be longer than the span.
/// </summary>
public sealed record Chunk(int Ordinal, string Text, int Start, int End)
{
    /// <summary>1-based page of the chunk's start, or null.</summary>
    public int? Page { get; init; }

    /// <summary>
    /// Offsets in (Start, End) where a new page begins, in order: a chunk that crosses page breaks still tells the page
    /// of every offset in it (<see cref="Page"/> plus the breaks at or before the offset). Empty for unpaged formats.
    /// </summary>
    public IReadOnlyList<int> PageBreaks { get; init; } = [];

    /// <summary>Headings enclosing the chunk, outermost first.</summary>
    public IReadOnlyList<string> HeadingPath { get; init; } = [];

    /// <summary>True when the chunk holds table rows.</summary>
    public bool IsTable { get; init; }
}
