using System.Text;

namespace Wenjin.Parsing.Repair;

/// <summary>
/// Character-level clean-up shared by every format: folds full-width digits, Latin letters and symbols to ASCII
/// (keeping full-width Chinese punctuation ，。：；！？（） as is), turns odd spaces (NBSP, en/em spaces, ideographic
/// space) into a normal space, removes zero-width characters, BOMs, soft hyphens and control characters, and collapses
/// runs of spaces. Tabs survive <see cref="NormalizeKeepingTabs"/> because they separate table columns.
/// </summary>
internal static class CharacterNormalizer
{
    /// <summary>Normalizes one line or inline run: every white-space character becomes one space; trimmed.</summary>
    public static string Normalize(string text) => Fold(text, keepTabs: false);

    /// <summary>Like <see cref="Normalize"/> but tabs are kept (single tabs, spaces around them removed).</summary>
    public static string NormalizeKeepingTabs(string text) => Fold(text, keepTabs: true);

    /// <summary>True when the raw line starts with paragraph indentation (two spaces, a tab or an ideographic space).</summary>
    public static bool HasIndent(string rawLine) =>
        rawLine.StartsWith('\u3000') || rawLine.StartsWith("  ", StringComparison.Ordinal) || rawLine.StartsWith('\t')
        || rawLine.StartsWith("\u00A0\u00A0", StringComparison.Ordinal);

    /// <summary>Maps one character: the folded character, ' ' for any space, or '\0' for a character to drop.</summary>
    public static char Map(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            return c is '，' or '：' or '；' or '！' or '？' or '（' or '）' ? c : (char)(c - 0xFEE0);
        }

        return c switch
        {
            '\t' => '\t',
            '\u00A0' or '\u1680' or '\u202F' or '\u205F' or '\u3000' => ' ',
            >= '\u2000' and <= '\u200A' => ' ',
            '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' => '\0',
            '\n' or '\r' or '\f' or '\v' or '\u2028' or '\u2029' or '\u0085' => ' ',
            < ' ' or (>= '\u007F' and <= '\u009F') => '\0',
            _ => c,
        };
    }

    private static string Fold(string text, bool keepTabs)
    {
        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        bool pendingTab = false;
        foreach (char raw in text)
        {
            char c = Map(raw);
            if (c == '\0')
            {
                continue;
            }

            if (c == '\t')
            {
                if (keepTabs)
                {
                    pendingTab = true;
                }
                else
                {
                    pendingSpace = true;
                }

                continue;
            }

            if (c == ' ')
            {
                pendingSpace = true;
                continue;
            }

            if (sb.Length > 0)
            {
                if (pendingTab)
                {
                    sb.Append('\t');
                }
                else if (pendingSpace)
                {
                    sb.Append(' ');
                }
            }

            pendingSpace = false;
            pendingTab = false;
            sb.Append(c);
        }

        return sb.ToString();
    }
}
