namespace Wenjin.Documents;

/// <summary>Where a stored chunk sits in its document's text: [Start, End), its first page and the pages it crosses.</summary>
public sealed record ChunkSpan(string Id, int Ordinal, int Start, int End, int? Page, IReadOnlyList<string> HeadingPath)
{
    /// <summary>Offsets inside (Start, End) where a new page begins.</summary>
    public IReadOnlyList<int> PageBreaks { get; init; } = [];
}
