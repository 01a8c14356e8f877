using Wenjin.Documents;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// The document a record is validated against: its ids, its extracted text (every evidence offset points into it) and
/// where each page starts (<see cref="PageStarts"/>[i] is the offset of page i+1; empty for formats without pages).
/// </summary>
public sealed record SourceDocument(string DocId, string SourceId, string Text, IReadOnlyList<int> PageStarts)
{
    /// <summary>The stored document as returned by the knowledge base.</summary>
    public static SourceDocument FromContent(DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new SourceDocument(content.Document.Id, content.Document.SourceId, content.Text, content.PageStarts);
    }
}
