namespace Wenjin.Storage;

/// <summary>
/// A chunk returned by a store's candidate search, with its stored terms per field so that a ranker can compute and
/// explain its own score. Terms are in token order; their index is the token position.
/// </summary>
public sealed record ChunkCandidate(string ChunkId, string DocId, string SourceId, string Text, int Start, int End)
{
    public string? Title { get; init; }

    public int? Page { get; init; }

    public IReadOnlyList<string> HeadingPath { get; init; } = [];

    /// <summary>Offsets in (Start, End) where a new page begins (see Chunk.PageBreaks).</summary>
    public IReadOnlyList<int> PageBreaks { get; init; } = [];

    /// <summary>1-based page of <paramref name="offset"/> (an offset inside the chunk's span), or null when unpaged.</summary>
    public int? PageAt(int offset)
    {
        if (Page is not { } page)
        {
            return null;
        }

        foreach (int pageStart in PageBreaks)
        {
            if (pageStart <= offset)
            {
                page++;
            }
        }

        return page;
    }

    public IReadOnlyList<string> TitleTerms { get; init; } = [];

    public IReadOnlyList<string> HeadingTerms { get; init; } = [];

    public IReadOnlyList<string> BodyTerms { get; init; } = [];

    /// <summary>The store's own relevance score (higher is better), used only to choose candidates.</summary>
    public double StoreScore { get; init; }

    /// <summary>
    /// The store's key of this version of the chunk (unique in the store while the chunk exists; a replaced document's
    /// chunks get new keys). Chunk vectors are stored and searched under it.
    /// </summary>
    public long Key { get; init; }
}
