using System.Text;
using Wenjin.Text.Normalization;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// A comparison form of a text that remembers where each of its characters came from: every character folded by
/// <see cref="CharacterFolder"/> (full-width → ASCII, lower case, Traditional → Simplified; ￥ → ¥), white space
/// (line breaks included) and quotation marks (“”‘’"'「」『』《》) removed. A value and a document fold the same way,
/// so "123.45 万元" matches "123.45万\n元" and ＡＩ matches ai, while <see cref="ToOriginal"/> gives back exact offsets.
/// <see cref="SentenceEnds"/> are the ends (exclusive, in folded offsets) of the text's sentences: after 。！？；…!?;
/// (with a closing bracket that follows), after a period followed by white space, and at a blank line. A single line
/// break does not end a sentence, so a sentence wrapped by PDF conversion stays whole.
/// </summary>
internal sealed class FoldedText
{
    private const string RemovedMarks = "“”‘’\"'「」『』《》\u200B\u200C\u200D\u2060\uFEFF\u00AD";

    private readonly int[] _origins;

    private FoldedText(string value, int[] origins, int[] sentenceEnds)
    {
        Value = value;
        _origins = origins;
        SentenceEnds = sentenceEnds;
    }

    /// <summary>The folded text.</summary>
    public string Value { get; }

    /// <summary>The exclusive end of each sentence in <see cref="Value"/>, ascending; the last is Value.Length.</summary>
    public IReadOnlyList<int> SentenceEnds { get; }

    public static FoldedText Create(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folder = CharacterFolder.Shared;
        var value = new StringBuilder(text.Length);
        var origins = new List<int>(text.Length);
        var ends = new List<int>();
        int newlines = 0;
        bool periodPending = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i] == '\uFFE5' ? '¥' : folder.Fold(text[i]);
            if (char.IsWhiteSpace(c))
            {
                newlines += c == '\n' ? 1 : 0;
                if (periodPending)
                {
                    MarkEnd(ends, value.Length);
                    periodPending = false;
                }

                continue;
            }

            if (RemovedMarks.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            if (newlines >= 2)
            {
                MarkEnd(ends, value.Length);
            }

            newlines = 0;
            periodPending = false;
            bool closesSentence = c is ')' or ']' or '】' or '〕' && ends.Count > 0 && ends[^1] == value.Length;
            value.Append(c);
            origins.Add(i);
            if (closesSentence)
            {
                ends[^1] = value.Length;
            }
            else if (c is '。' or '!' or '?' or ';' or '…')
            {
                MarkEnd(ends, value.Length);
            }
            else if (c == '.')
            {
                periodPending = true;
            }
        }

        MarkEnd(ends, value.Length);
        return new FoldedText(value.ToString(), [.. origins], [.. ends]);
    }

    /// <summary>The folded form of a value, for searching in a folded document.</summary>
    public static string Fold(string text) => Create(text).Value;

    /// <summary>
    /// True when something was removed between folded characters <paramref name="index"/> - 1 and
    /// <paramref name="index"/> (white space, a quotation mark): "2024-06-14 10:30" folds to "2024-06-1410:30", and
    /// only this says the date ends before the 10.
    /// </summary>
    public bool HasGapBefore(int index) => index > 0 && index < _origins.Length && _origins[index] != _origins[index - 1] + 1;

    /// <summary>The original [start, end) of the folded range [start, end), which must not be empty.</summary>
    public (int Start, int End) ToOriginal(int start, int end) => (_origins[start], _origins[end - 1] + 1);

    private static void MarkEnd(List<int> ends, int position)
    {
        if (position > 0 && (ends.Count == 0 || ends[^1] < position))
        {
            ends.Add(position);
        }
    }
}
