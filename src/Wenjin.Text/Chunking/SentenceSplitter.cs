using System.Collections.Frozen;
using Wenjin.Errors;

namespace Wenjin.Text.Chunking;

/// <summary>
/// Splits text into sentences in one pass over the characters, for Chinese, English and mixed text.
/// A sentence ends after 。！？；… (any run of them) and after Latin . ! ? ; when white space or the end follows
/// (! ? ; also when a CJK character follows); closing quotes and brackets after the mark belong to the sentence.
/// A line break always ends a sentence. A period does not end a sentence after an abbreviation (e.g., Dr., No.),
/// an initial, or a list number that opens the line ("1."), nor inside a number ("3.5").
/// A sentence that reaches <see cref="MaxChars"/> without ending is cut after the last comma or white space in the
/// second half of the limit, else at the limit itself, so no span is longer than <see cref="MaxChars"/>.
/// Spans carry no leading or trailing white space and empty ones are dropped. Thread-safe.
/// </summary>
public sealed class SentenceSplitter
{
    /// <summary>The limit used by the parameterless constructor.</summary>
    public const int DefaultMaxChars = 300;

    private const int MinMaxChars = 8;

    // Words that take a period without ending the sentence. "etc." is left out: it usually does end one.
    private static readonly FrozenSet<string> Abbreviations = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "no", "nos", "vs", "fig", "figs", "eq", "vol", "pp",
        "p", "ed", "eds", "inc", "ltd", "co", "corp", "dept", "approx", "cf", "al", "ca", "est", "gen", "gov", "rev",
        "hon", "art", "sec", "ch", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup =
        Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    public SentenceSplitter()
        : this(DefaultMaxChars)
    {
    }

    public SentenceSplitter(int maxChars)
    {
        if (maxChars < MinMaxChars)
        {
            throw WenjinException.Invalid($"A sentence limit of {maxChars} characters is too small; use at least {MinMaxChars}.");
        }

        MaxChars = maxChars;
    }

    /// <summary>No returned span is longer than this.</summary>
    public int MaxChars { get; }

    /// <summary>The sentences of <paramref name="text"/>, in order.</summary>
    public IReadOnlyList<SentenceSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<SentenceSpan>();
        Split(text, sentences);
        return sentences;
    }

    /// <summary>
    /// Appends the sentences of <paramref name="text"/> to <paramref name="sentences"/>, each shifted by
    /// <paramref name="offset"/> (pass the slice's start to get offsets into the string it was sliced from).
    /// </summary>
    public void Split(ReadOnlySpan<char> text, List<SentenceSpan> sentences, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        Scan(text, sentences, offset, linesOnly: false);
    }

    /// <summary>
    /// Like <see cref="Split(ReadOnlySpan{char}, List{SentenceSpan}, int)"/> but ends spans only at line breaks (and at
    /// <see cref="MaxChars"/>): for code and other text whose punctuation is not prose.
    /// </summary>
    public void SplitLines(ReadOnlySpan<char> text, List<SentenceSpan> lines, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Scan(text, lines, offset, linesOnly: true);
    }

    private void Scan(ReadOnlySpan<char> text, List<SentenceSpan> output, int offset, bool linesOnly)
    {
        int contentStart = -1; // first non-space character of the pending sentence, or -1 when none is pending
        int softBreak = -1; // just after the last comma or white space of the pending sentence
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (contentStart < 0)
            {
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                contentStart = i;
                softBreak = -1;
            }
            else if (i - contentStart >= MaxChars)
            {
                int cut = softBreak > contentStart + (MaxChars / 2) ? softBreak : contentStart + MaxChars;
                if (char.IsLowSurrogate(text[cut]) && char.IsHighSurrogate(text[cut - 1]))
                {
                    cut--;
                }

                Emit(text, contentStart, cut, output, offset);
                contentStart = -1;
                i = cut;
                continue;
            }

            if (IsLineBreak(c))
            {
                Emit(text, contentStart, i, output, offset);
                contentStart = -1;
                i++;
                continue;
            }

            int end = linesOnly ? -1 : SentenceEnd(text, i, contentStart);
            if (end > 0 && end - contentStart <= MaxChars)
            {
                Emit(text, contentStart, end, output, offset);
                contentStart = -1;
                i = end;
                continue;
            }

            if (IsSoftBreak(c))
            {
                softBreak = i + 1;
            }

            i++;
        }

        if (contentStart >= 0)
        {
            Emit(text, contentStart, text.Length, output, offset);
        }
    }

    private static void Emit(ReadOnlySpan<char> text, int start, int end, List<SentenceSpan> output, int offset)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            output.Add(new SentenceSpan(start + offset, end + offset));
        }
    }

    /// <summary>The index just past the sentence that ends with the mark at <paramref name="i"/>, or -1 if it does not end one.</summary>
    private static int SentenceEnd(ReadOnlySpan<char> text, int i, int sentenceStart)
    {
        char c = text[i];
        bool cjkMark = IsCjkTerminator(c);
        if (!cjkMark && c is not ('.' or '!' or '?' or ';'))
        {
            return -1;
        }

        int j = i + 1;
        while (j < text.Length && (IsCjkTerminator(text[j]) || text[j] is '.' or '!' or '?' or ';'))
        {
            j++;
        }

        bool singlePeriod = c == '.' && j == i + 1;
        while (j < text.Length && IsCloser(text[j]))
        {
            j++;
        }

        if (cjkMark)
        {
            return j;
        }

        if (j < text.Length && !char.IsWhiteSpace(text[j]) && (c == '.' || !IsCjk(text[j])))
        {
            return -1;
        }

        if (singlePeriod && TakesPeriodWithoutEnding(text, i, sentenceStart))
        {
            return -1;
        }

        return j;
    }

    /// <summary>Whether the word before the period at <paramref name="dot"/> is an abbreviation, an initial or a list number.</summary>
    private static bool TakesPeriodWithoutEnding(ReadOnlySpan<char> text, int dot, int sentenceStart)
    {
        int start = dot;
        while (start > sentenceStart && !char.IsWhiteSpace(text[start - 1]) && !IsOpener(text[start - 1]))
        {
            start--;
        }

        ReadOnlySpan<char> word = text[start..dot];
        if (word.IsEmpty)
        {
            return false;
        }

        bool opensSentence = start == sentenceStart;
        if (word.Length <= 3 && IsAsciiDigits(word))
        {
            return opensSentence;
        }

        if (word.Length == 1 && char.IsLetter(word[0]))
        {
            return char.IsUpper(word[0]) || opensSentence;
        }

        return IsDottedLetters(word) || AbbreviationLookup.Contains(word);
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"e.g", "i.e", "U.S": single letters separated by periods.</summary>
    private static bool IsDottedLetters(ReadOnlySpan<char> word)
    {
        if (word.Length < 3)
        {
            return false;
        }

        for (int k = 0; k < word.Length; k++)
        {
            bool ok = k % 2 == 0 ? char.IsAsciiLetter(word[k]) : word[k] == '.';
            if (!ok)
            {
                return false;
            }
        }

        return word.Length % 2 == 1;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085';

    private static bool IsCjkTerminator(char c) => c is '。' or '！' or '？' or '；' or '…' or '‥' or '｡';

    private static bool IsSoftBreak(char c) => c is '，' or '、' or ',' or '：' or ':' || char.IsWhiteSpace(c);

    private static bool IsCloser(char c) =>
        c is '”' or '’' or '」' or '』' or '）' or '》' or '〉' or '】' or '〕' or '〗' or '"' or '\'' or ')' or ']' or '}' or '»' or '›';

    private static bool IsOpener(char c) =>
        c is '“' or '‘' or '「' or '『' or '（' or '《' or '〈' or '【' or '〔' or '"' or '\'' or '(' or '[' or '{' or '«';

    private static bool IsCjk(char c) => c >= '\u2E80';
}
