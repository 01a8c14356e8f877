using Wenjin.Documents;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// The document a record is validated against: its ids, its extracted text (every evidence offset points into it) and
/// where each page starts (<see cref="PageStarts"/>[i] is the offset of page i+1; empty for formats without pages).
/// <see cref="Title"/> and <see cref="Url"/> are the document's metadata, when it has any: the model-free extractor
/// reads a title or link from them before it looks in the text.
/// </summary>
public sealed record SourceDocument(string DocId, string SourceId, string Text, IReadOnlyList<int> PageStarts)
{
    /// <summary>The document's metadata title (e.g. an HTML title or a record's title field), or null.</summary>
    public string? Title { get; init; }

    /// <summary>The document's metadata URL (e.g. a record's url field), or null.</summary>
    public string? Url { get; init; }

    /// <summary>The stored document as returned by the knowledge base.</summary>
    public static SourceDocument FromContent(DocumentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new SourceDocument(content.Document.Id, content.Document.SourceId, content.Text, content.PageStarts)
        {
            Title = content.Document.Title,
            Url = content.Document.Url,
        };
    }
}
