namespace Wenjin.Documents;

/// <summary>
/// One structural unit of a parsed document: a span [Start, End) of <see cref="ParsedDocument.Text"/>.
/// Spans never overlap and appear in text order. Table rows of one table share <see cref="TableId"/>;
/// <see cref="IsHeaderRow"/> marks the rows repeated when a table is split into several chunks.
/// </summary>
public sealed record DocumentBlock(BlockKind Kind, int Start, int End)
{
    /// <summary>1-based page of the block's start, or null when the format has no pages.</summary>
    public int? Page { get; init; }

    /// <summary>Heading level 1–6 for headings; 0 otherwise.</summary>
    public int Level { get; init; }

    /// <summary>Identifies the table a row belongs to (unique within the document); null for non-table blocks.</summary>
    public int? TableId { get; init; }

    public bool IsHeaderRow { get; init; }

    public int Length => End - Start;
}
