namespace Wenjin.Documents;

/// <summary>
/// A document after parsing and repair. <see cref="Text"/> is the stored extracted text: every span in Wenjin
/// (blocks, chunks, citations) is an offset into exactly this string, so a quote is always Text[start..end).
/// </summary>
public sealed record ParsedDocument(string Text, IReadOnlyList<DocumentBlock> Blocks)
{
    /// <summary>Title from metadata or the first heading; null when none is known.</summary>
    public string? Title { get; init; }

    /// <summary>Number of pages for paged formats (PDF); null otherwise.</summary>
    public int? PageCount { get; init; }

    /// <summary>Start offset of each page in <see cref="Text"/>, in page order (page n starts at PageStarts[n-1]).</summary>
    public IReadOnlyList<int> PageStarts { get; init; } = [];

    /// <summary>Name of the format as detected ("pdf", "docx", "html", "markdown", "text").</summary>
    public string Format { get; init; } = "text";

    /// <summary>The text encoding that was detected for text formats (e.g. "gb18030"); null for binary formats.</summary>
    public string? Encoding { get; init; }

    /// <summary>1-based page that contains <paramref name="offset"/>, or null for unpaged documents.</summary>
    public int? PageAt(int offset)
    {
        if (PageStarts.Count == 0)
        {
            return null;
        }

        int lo = 0, hi = PageStarts.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (PageStarts[mid] <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo + 1;
    }
}
