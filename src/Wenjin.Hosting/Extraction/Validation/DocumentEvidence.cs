using Wenjin.Extraction;
using Wenjin.Text.Extraction;

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
    private IReadOnlyList<ExtractedValue>? _provinces;

    private static readonly ProvinceMatcher Provinces = new();

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

    /// <summary>
    /// The first bare number (no unit of its own) that stands for <paramref name="value"/> in the unit
    /// <paramref name="unit"/> because the unit is written just before it — a table header "中标金额（万元）" over the
    /// cell "386.5", or "金额（万元）：386.5" — or null. <paramref name="reach"/> is how many characters before the number
    /// the unit may stand.
    /// </summary>
    public Evidence? FindNumberUnderUnit(decimal value, string unit, int reach)
    {
        _numbers ??= NumberMentionFinder.Find(_folded.Value);
        string folded = _folded.Value;
        foreach (var mention in _numbers)
        {
            if (mention.Scaled is null && mention.StandsFor(value))
            {
                int from = Math.Max(0, mention.Start - reach);
                if (folded.AsSpan(from, mention.Start - from).Contains(unit, StringComparison.Ordinal))
                {
                    return Make(mention.Start, mention.End);
                }
            }
        }

        return null;
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

    /// <summary>
    /// The first mention of the province-level division <paramref name="fullName"/> (浙江省) by any of its names or
    /// cities (浙江, 杭州, 杭州市 …), or null.
    /// </summary>
    public Evidence? FindProvince(string fullName)
    {
        _provinces ??= Provinces.Match(_document.Text);
        var match = _provinces.FirstOrDefault(p => p.Value == fullName);
        var first = match?.Evidence.MinBy(e => e.Start);
        return first is null ? null : new Evidence(_document.Text[first.Value.Start..first.Value.End], PageOf(first.Value.Start), first.Value.Start, first.Value.End);
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
