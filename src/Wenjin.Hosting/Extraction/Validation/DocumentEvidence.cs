using Wenjin.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Finds values in one document and turns what it finds into exact evidence: every <see cref="Evidence"/> it returns has
/// Quote == Text[Start..End] and the page holding Start. Text, numbers, dates and taxonomy terms are compared in
/// folded form (<see cref="FoldedText"/>), so line breaks inside the document, white space and full-width characters do
/// not prevent a match. The first occurrence is the evidence. Not thread-safe (it caches the document's numbers,
/// dates and sentences).
/// </summary>
internal sealed class DocumentEvidence
{
    private readonly SourceDocument _document;
    private readonly FoldedText _folded;
    private List<WrittenNumber>? _numbers;
    private List<(int Start, int End, DateOnly Date)>? _dates;
    private SentenceSupport? _support;

    public DocumentEvidence(SourceDocument document)
    {
        _document = document;
        _folded = FoldedText.Create(document.Text);
    }

    /// <summary>Where the text occurs (after folding both), or null.</summary>
    public Evidence? FindText(string value)
    {
        string needle = FoldedText.Fold(value);
        if (needle.Length == 0)
        {
            return null;
        }

        int at = _folded.Value.IndexOf(needle, StringComparison.Ordinal);
        return at < 0 ? null : Make(at, at + needle.Length);
    }

    /// <summary>The earliest occurrence of any of the terms, or null.</summary>
    public Evidence? FindAnyText(IEnumerable<string> terms)
    {
        int bestAt = int.MaxValue, bestEnd = 0;
        foreach (string term in terms)
        {
            string needle = FoldedText.Fold(term);
            int at = needle.Length == 0 ? -1 : _folded.Value.IndexOf(needle, StringComparison.Ordinal);
            if (at >= 0 && (at < bestAt || (at == bestAt && at + needle.Length > bestEnd)))
            {
                (bestAt, bestEnd) = (at, at + needle.Length);
            }
        }

        return bestAt == int.MaxValue ? null : Make(bestAt, bestEnd);
    }

    /// <summary>The first number written in the document that stands for <paramref name="value"/>, or null.</summary>
    public Evidence? FindNumber(decimal value)
    {
        _numbers ??= NumberMentionFinder.Find(_folded.Value);
        var mention = _numbers.FirstOrDefault(m => m.StandsFor(value));
        return mention is null ? null : Make(mention.Start, mention.End);
    }

    /// <summary>The first date written in the document that is <paramref name="date"/>, or null.</summary>
    public Evidence? FindDate(DateOnly date)
    {
        _dates ??= [.. DateMentionFinder.Find(_folded)];
        foreach (var mention in _dates)
        {
            if (mention.Date == date)
            {
                return Make(mention.Start, mention.End);
            }
        }

        return null;
    }

    /// <summary>Whether free text is supported, with the supporting sentences as evidence.</summary>
    public (bool Supported, IReadOnlyList<Evidence> Evidence, string? UnsupportedSentence) FindSupport(string text)
    {
        _support ??= new SentenceSupport(_folded);
        var check = _support.Check(text);
        return (check.Supported, [.. check.Sentences.Select(s => Make(s.Start, s.End))], check.UnsupportedSentence);
    }

    private Evidence Make(int foldedStart, int foldedEnd)
    {
        var (start, end) = _folded.ToOriginal(foldedStart, foldedEnd);
        return new Evidence(_document.Text[start..end], PageOf(start), start, end);
    }

    private int? PageOf(int offset)
    {
        var starts = _document.PageStarts;
        if (starts.Count == 0)
        {
            return null;
        }

        int low = 0, high = starts.Count - 1, page = 0;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            if (starts[middle] <= offset)
            {
                page = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return page + 1;
    }
}
