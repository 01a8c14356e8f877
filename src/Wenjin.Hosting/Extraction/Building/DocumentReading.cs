using System.Text;
using Wenjin.Text.Extraction;
using Wenjin.Text.Normalization;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// One document as the proposers read it. Every analysis (lines, labels, quantities, organisations, provinces,
/// metrics) is computed on first use and shared by all fields of one proposal; every span is an offset into
/// <see cref="Text"/>. One per proposal; not thread-safe.
/// </summary>
internal sealed class DocumentReading
{
    private static readonly QuantityExtractor QuantityReader = new();
    private static readonly OrganizationExtractor OrganizationReader = new();
    private static readonly ProvinceMatcher ProvinceReader = new();
    private static readonly MetricExtractor MetricReader = new();

    private IReadOnlyList<TextLine>? _lines;
    private string? _foldedChars;
    private FoldedText? _compact;
    private LabelReader? _labels;
    private IReadOnlyList<QuantityMention>? _quantities;
    private IReadOnlyList<ExtractedValue>? _organisations;
    private IReadOnlyList<(TextSpan Span, string Name)>? _organisationMentions;
    private IReadOnlyList<ExtractedValue>? _provinces;
    private IReadOnlyList<ResultMetric>? _metrics;

    public DocumentReading(SourceDocument document, KeywordStatistics? statistics)
    {
        Document = document;
        Statistics = statistics;
    }

    public SourceDocument Document { get; }

    public KeywordStatistics? Statistics { get; }

    public string Text => Document.Text;

    /// <summary>
    /// The name of the record's main organisation: the first value proposed, in schema order, for a field with an
    /// organisation hint (the 采购人 of a bid award). The province hint reads it.
    /// </summary>
    public string? MainOrganisation { get; set; }

    /// <summary>The lines of the text, without their line breaks (\n, \r\n or \r).</summary>
    public IReadOnlyList<TextLine> Lines => _lines ??= SplitLines(Text);

    /// <summary>The text folded character by character (<see cref="CharacterFolder"/>): same length, same offsets.</summary>
    public string FoldedChars => _foldedChars ??= CharacterFolder.Shared.Fold(Text);

    /// <summary>The text folded and without white space or quotation marks, for finding cue words across line breaks.</summary>
    public FoldedText Compact => _compact ??= FoldedText.Create(Text);

    public LabelReader Labels => _labels ??= new LabelReader(Text, FoldedChars, Lines);

    public IReadOnlyList<QuantityMention> Quantities => _quantities ??= QuantityReader.Extract(Text);

    public IReadOnlyList<ExtractedValue> Organisations => _organisations ??= OrganizationReader.Extract(Text);

    /// <summary>Every occurrence of every organisation, in text order.</summary>
    public IReadOnlyList<(TextSpan Span, string Name)> OrganisationMentions => _organisationMentions ??=
        [.. Organisations.SelectMany(o => o.Evidence.Select(span => (span, o.Value))).OrderBy(m => m.span.Start)];

    public IReadOnlyList<ExtractedValue> Provinces => _provinces ??= ProvinceReader.Match(Text);

    public IReadOnlyList<ResultMetric> Metrics => _metrics ??= MetricReader.Extract(Text);

    public static IReadOnlyList<ExtractedValue> ProvincesOf(string text) => ProvinceReader.Match(text);

    public static IReadOnlyList<QuantityMention> QuantitiesOf(string text) => QuantityReader.Extract(text);

    /// <summary>Whether <paramref name="value"/> occurs in the text, compared as the validator compares (folded, white space ignored).</summary>
    public bool Contains(string value)
    {
        string needle = FoldedText.Fold(value);
        return needle.Length > 0 && Compact.Value.Contains(needle, StringComparison.Ordinal);
    }

    /// <summary>Every occurrence of a cue word, as original spans; line breaks and spaces inside the cue are read through.</summary>
    public IEnumerable<TextSpan> FindCue(string cue)
    {
        string needle = FoldedText.Fold(cue);
        if (needle.Length == 0)
        {
            yield break;
        }

        string compact = Compact.Value;
        int at = compact.IndexOf(needle, StringComparison.Ordinal);
        while (at >= 0)
        {
            var (start, end) = Compact.ToOriginal(at, at + needle.Length);
            yield return new TextSpan(start, end);
            at = compact.IndexOf(needle, at + 1, StringComparison.Ordinal);
        }
    }

    /// <summary>The index of the line holding <paramref name="offset"/>.</summary>
    public int LineAt(int offset)
    {
        var lines = Lines;
        int low = 0, high = lines.Count - 1, found = 0;
        while (low <= high)
        {
            int middle = (low + high) / 2;
            if (lines[middle].Start <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    /// <summary>
    /// A span of the text as a value: line breaks read through (removed between CJK characters, one space between other
    /// text), runs of white space made one space, the ends trimmed.
    /// </summary>
    public string Clean(int start, int end) => Clean(Text.AsSpan(start, end - start));

    public static string Clean(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
                i++;
                continue;
            }

            bool lineBreak = false;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                lineBreak |= text[i] is '\n' or '\r';
                i++;
            }

            if (builder.Length == 0 || i == text.Length)
            {
                continue;
            }

            bool cjkJoin = IsCjk(builder[^1]) || IsCjk(text[i]) || IsCjkPunctuation(builder[^1]) || IsCjkPunctuation(text[i]);
            if (!(lineBreak && cjkJoin))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    public static bool IsCjk(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF') || c == '\u3007';

    public static bool IsCjkPunctuation(char c) => (c >= '\u3000' && c <= '\u303F') || (c >= '\uFF00' && c <= '\uFF0F') || c is '：' or '；' or '？' or '！' or '（' or '）';

    private static List<TextLine> SplitLines(string text)
    {
        var lines = new List<TextLine>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '\n' or '\r' or '\f' or '\u2028' or '\u2029')
            {
                lines.Add(new TextLine(start, i));
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(new TextLine(start, text.Length));
        return lines;
    }
}
