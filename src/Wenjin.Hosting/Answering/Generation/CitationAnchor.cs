using Wenjin.Answers;
using Wenjin.Storage;

namespace Wenjin.Hosting.Answering.Generation;

/// <summary>Puts the citations of verified model text (answers, briefs) exactly where their quotes are in the stored documents.</summary>
internal static class CitationAnchor
{
    /// <summary>
    /// Citations whose [start, end) is checked against the stored document text: a chunk's text is not always one
    /// contiguous span of it (a table chunk repeats its header row), so a quote found elsewhere is re-anchored to where
    /// it really is, and a multi-line quote that is not contiguous is cut to its longest line that is.
    /// </summary>
    public static IReadOnlyList<Citation> Anchor(IKnowledgeStore store, string kb, IReadOnlyList<Citation> citations)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var anchored = new List<Citation>(citations.Count);
        foreach (var citation in citations)
        {
            if (!texts.TryGetValue(citation.DocId, out string? text))
            {
                text = store.GetDocumentText(kb, citation.DocId) ?? string.Empty;
                texts[citation.DocId] = text;
            }

            if (citation.End <= text.Length && citation.Start >= 0 && citation.Start <= citation.End
                && text.AsSpan(citation.Start, citation.End - citation.Start).SequenceEqual(citation.Quote))
            {
                anchored.Add(citation);
                continue;
            }

            string quote = citation.Quote;
            int at = text.IndexOf(quote, StringComparison.Ordinal);
            if (at < 0)
            {
                quote = quote.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && text.Contains(line, StringComparison.Ordinal))
                    .OrderByDescending(line => line.Length).FirstOrDefault() ?? string.Empty;
                at = quote.Length == 0 ? -1 : text.IndexOf(quote, StringComparison.Ordinal);
            }

            if (at >= 0)
            {
                anchored.Add(citation with { Quote = quote, Start = at, End = at + quote.Length });
            }
        }

        return anchored;
    }
}
