using System.Text;

namespace Wenjin.Text.Extraction;

/// <summary>
/// The text extractors read: the document's text with the line breaks that only wrap a sentence removed, so that
/// "有效算力达\n到 92%" reads "有效算力达到 92%", and every view character mapped back to its offset in the original.
/// <list type="bullet">
/// <item>A single line break is a wrap (dropped) when the characters around it continue
/// a sentence (a letter, digit, CJK character or % before it; one of those or closing punctuation after it) and neither
/// line looks like a heading, list item or table row: the line before has at least <see cref="MinWrappedLineLength"/>
/// characters and no numbering marker, the line after is not indented and has no numbering marker. Any other line break,
/// and every blank line, becomes one '\n'. A wrap between two Latin words becomes one space instead.</item>
/// <item>A run of spaces becomes one ' ' (between CJK characters too: "第四条 单程距离" separates an article number from
/// its text), a run holding a tab one '\t'; white space at either end is dropped.</item>
/// <item>With width folding, full-width digits, Latin letters and the symbols % . + - / $ # &amp; @ _ become ASCII and ￥
/// becomes ¥; CJK punctuation (，。：) is kept, since it ends clauses.</item>
/// </list>
/// Linear in the text length.
/// </summary>
internal sealed class JoinedText
{
    /// <summary>A shorter line before a break is a heading or label, not a wrapped line.</summary>
    public const int MinWrappedLineLength = 6;

    // View index → original offset; one extra entry holds the original length.
    private readonly int[] _offsets;

    private JoinedText(string original, string view, int[] offsets)
    {
        Original = original;
        View = view;
        _offsets = offsets;
    }

    public string Original { get; }

    public string View { get; }

    public int Length => View.Length;

    public static JoinedText Create(string text, bool foldWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var view = new StringBuilder(text.Length);
        var offsets = new int[text.Length + 1];
        int count = 0;
        int lineStart = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (!char.IsWhiteSpace(c))
            {
                view.Append(foldWidth ? FoldWidth(c) : c);
                offsets[count++] = i;
                i++;
                continue;
            }

            int runStart = i, firstBreak = -1, breaks = 0, spaces = 0;
            bool tab = false;
            int afterLastBreak = -1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                char w = text[i];
                if (w == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                    continue;
                }

                if (IsLineBreak(w))
                {
                    breaks++;
                    if (firstBreak < 0)
                    {
                        firstBreak = i;
                    }

                    afterLastBreak = i + 1;
                    spaces = 0;
                    tab = false;
                }
                else if (w == '\t')
                {
                    tab = true;
                }
                else
                {
                    spaces += w == '\u3000' ? 2 : 1;
                }

                i++;
            }

            int previousLineStart = lineStart;
            if (breaks > 0)
            {
                lineStart = afterLastBreak;
            }

            if (count == 0 || i == text.Length)
            {
                continue;
            }

            char before = view[count - 1];
            char after = foldWidth ? FoldWidth(text[i]) : text[i];
            if (breaks >= 2)
            {
                view.Append('\n');
                offsets[count++] = firstBreak;
            }
            else if (breaks == 1)
            {
                bool indented = tab || spaces >= 2;
                if (!IsWrap(text, previousLineStart, firstBreak, i, before, after, indented))
                {
                    view.Append('\n');
                    offsets[count++] = firstBreak;
                }
                else if (IsLatin(before) && IsLatin(after) && !(char.IsDigit(before) && char.IsDigit(after)))
                {
                    // Wrapped Latin words keep a space between them; a wrapped number does not.
                    view.Append(' ');
                    offsets[count++] = firstBreak;
                }
            }
            else if (tab)
            {
                view.Append('\t');
                offsets[count++] = runStart;
            }
            else
            {
                view.Append(' ');
                offsets[count++] = runStart;
            }
        }

        offsets[count] = text.Length;
        return new JoinedText(text, view.ToString(), offsets);
    }

    /// <summary>The original offset of the view character at <paramref name="index"/> (the original length at the end).</summary>
    public int OriginalOffset(int index) => _offsets[index];

    /// <summary>The original span of the non-empty view span [start, end).</summary>
    public TextSpan ToOriginal(int start, int end)
    {
        if (start >= end)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "A view span must not be empty.");
        }

        return new TextSpan(_offsets[start], _offsets[end - 1] + 1);
    }

    /// <summary>The view text of [start, end).</summary>
    public string Slice(int start, int end) => View[start..end];

    public static bool IsCjk(char c) =>
        (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF') || c == '\u3007';

    /// <summary>A letter or digit of a non-CJK script (Latin, Greek, Cyrillic …), after width folding.</summary>
    public static bool IsLatin(char c) => !IsCjk(c) && char.IsLetterOrDigit(c);

    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085' or '\f' or '\v';

    /// <summary>Full-width ASCII letters, digits and number symbols to ASCII; everything else unchanged.</summary>
    public static char FoldWidth(char c)
    {
        if ((c >= '\uFF10' && c <= '\uFF19') || (c >= '\uFF21' && c <= '\uFF3A') || (c >= '\uFF41' && c <= '\uFF5A'))
        {
            return (char)(c - 0xFEE0);
        }

        return c switch
        {
            '％' => '%',
            '．' => '.',
            '＋' => '+',
            '－' => '-',
            '／' => '/',
            '＄' => '$',
            '＃' => '#',
            '＆' => '&',
            '＠' => '@',
            '＿' => '_',
            '￥' => '¥',
            _ => c,
        };
    }

    private static bool IsWrap(string text, int lineStart, int lineBreak, int next, char before, char after, bool indented)
    {
        bool continues = IsCjk(before) || char.IsLetterOrDigit(before) || before == '%';
        if (!continues)
        {
            return false;
        }

        // A line never starts with a comma or a closing mark: the break is inside the sentence whatever the line is.
        if ("，。、；：！？）》」』”,;:)".Contains(after, StringComparison.Ordinal))
        {
            return true;
        }

        if (indented || !(IsCjk(after) || char.IsLetterOrDigit(after) || after == '%'))
        {
            return false;
        }

        ReadOnlySpan<char> line = text.AsSpan(lineStart, lineBreak - lineStart).Trim();
        if (line.Length < MinWrappedLineLength || line.Contains('|') || line.Contains('\t') || StartsWithMarker(line))
        {
            return false;
        }

        int nextEnd = next;
        while (nextEnd < text.Length && nextEnd - next < 16 && !IsLineBreak(text[nextEnd]))
        {
            nextEnd++;
        }

        return !StartsWithMarker(text.AsSpan(next, nextEnd - next));
    }

    /// <summary>Heading and list markers: #, bullets, "一、", "（二）", "(3)", "第四章", "1.", "2、", "1.2 ".</summary>
    private static bool StartsWithMarker(ReadOnlySpan<char> line)
    {
        if (line.IsEmpty)
        {
            return false;
        }

        char first = FoldWidth(line[0]);
        if (first is '#' or '>' or '-' or '*' or '+' or '•' or '·' or '●' or '○' or '■' or '□' or '◆' or '▪' or '|')
        {
            return true;
        }

        if (first is '（' or '(')
        {
            int k = 1;
            while (k < line.Length && k <= 3 && (IsChineseCounter(line[k]) || char.IsAsciiDigit(FoldWidth(line[k]))))
            {
                k++;
            }

            return k > 1 && k < line.Length && line[k] is '）' or ')';
        }

        if (first == '第')
        {
            int k = 1;
            while (k < line.Length && k <= 4 && (IsChineseCounter(line[k]) || char.IsAsciiDigit(FoldWidth(line[k]))))
            {
                k++;
            }

            return k > 1 && k < line.Length && "章节条部篇编卷".Contains(line[k], StringComparison.Ordinal);
        }

        if (IsChineseCounter(first))
        {
            int k = 1;
            while (k < line.Length && k <= 3 && IsChineseCounter(line[k]))
            {
                k++;
            }

            return k < line.Length && line[k] is '、' or '．' or '.';
        }

        if (char.IsAsciiDigit(first))
        {
            int k = 1;
            while (k < line.Length
                && (char.IsAsciiDigit(FoldWidth(line[k]))
                    || (FoldWidth(line[k]) == '.' && k + 1 < line.Length && char.IsAsciiDigit(FoldWidth(line[k + 1])))))
            {
                k++;
            }

            if (k >= line.Length)
            {
                return false;
            }

            char mark = FoldWidth(line[k]);
            bool dotted = line[..k].Contains('.') || line[..k].Contains('．');
            return mark is '、' or ')' or '）'
                || (mark == '.' && (k + 1 == line.Length || !char.IsAsciiDigit(FoldWidth(line[k + 1]))))
                || (mark == ' ' && dotted && k <= 5 && k + 1 < line.Length && IsCjk(line[k + 1]));
        }

        return false;
    }

    private static bool IsChineseCounter(char c) => "一二三四五六七八九十".Contains(c, StringComparison.Ordinal);
}
