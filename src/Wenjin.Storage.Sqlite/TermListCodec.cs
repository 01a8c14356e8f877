using System.Buffers;
using System.Text;
using Wenjin.Errors;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// How term lists and heading paths are stored as single text columns. Terms are joined with one space (analyzed
/// terms never contain white space, and the index tokenizer splits on the space, so one stored term is one index
/// token); heading paths are joined with U+001F (unit separator), which never occurs in extracted text.
/// </summary>
internal static class TermListCodec
{
    private const char HeadingSeparator = '\u001f';

    // White space (Unicode) and ASCII control characters: the index tokenizer would split a term on the latter.
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\t\n\v\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f" +
        " \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000");

    /// <summary>
    /// Joins terms with spaces. A term that is empty or contains white space or an ASCII control character is rejected
    /// with InvalidInput (stage "store"): it could not be read back as one term, nor indexed as one token.
    /// </summary>
    public static string JoinTerms(IReadOnlyList<string> terms, StringBuilder buffer)
    {
        if (terms.Count == 0)
        {
            return string.Empty;
        }

        buffer.Clear();
        for (int i = 0; i < terms.Count; i++)
        {
            string term = terms[i];
            if (term.Length == 0 || term.AsSpan().IndexOfAny(Forbidden) >= 0)
            {
                throw new WenjinException(
                    WenjinErrorKind.InvalidInput,
                    $"Index term '{term}' is empty or contains white space or a control character; analyzed terms must be single words.",
                    "store");
            }

            if (i > 0)
            {
                buffer.Append(' ');
            }

            buffer.Append(term);
        }

        return buffer.ToString();
    }

    /// <summary>
    /// Joins the distinct terms of an already validated, space-joined term list, in first-occurrence order: what the
    /// full-text index needs, since it records presence per column and term frequencies are taken from the stored list.
    /// </summary>
    public static string JoinDistinct(string joined, HashSet<string> seen, StringBuilder buffer)
    {
        if (joined.Length == 0)
        {
            return joined;
        }

        seen.Clear();
        buffer.Clear();
        foreach (var range in joined.AsSpan().Split(' '))
        {
            string term = joined[range];
            if (seen.Add(term))
            {
                if (buffer.Length > 0)
                {
                    buffer.Append(' ');
                }

                buffer.Append(term);
            }
        }

        return buffer.ToString();
    }

    public static string[] SplitTerms(string stored) =>
        stored.Length == 0 ? [] : stored.Split(' ');

    public static string JoinOffsets(IReadOnlyList<int> offsets) =>
        offsets.Count == 0 ? string.Empty : string.Join(',', offsets.Select(o => o.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static int[] SplitOffsets(string stored) =>
        stored.Length == 0 ? [] : Array.ConvertAll(stored.Split(','), s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture));

    public static string JoinHeadings(IReadOnlyList<string> headings) =>
        headings.Count == 0 ? string.Empty : string.Join(HeadingSeparator, headings);

    public static string[] SplitHeadings(string stored) =>
        stored.Length == 0 ? [] : stored.Split(HeadingSeparator);
}
