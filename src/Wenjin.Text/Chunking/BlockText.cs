using System.Text;

namespace Wenjin.Text.Chunking;

/// <summary>How the chunker reads a block's text: without surrounding white space; headings on one line.</summary>
internal static class BlockText
{
    /// <summary>[start, end) narrowed to exclude leading and trailing white space (empty when all white space).</summary>
    public static (int Start, int End) Trimmed(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>The heading at [start, end) with each run of white space (line breaks included) made one space.</summary>
    public static string Heading(string text, int start, int end)
    {
        (start, end) = Trimmed(text, start, end);
        var builder = new StringBuilder(end - start);
        bool space = false;
        for (int i = start; i < end; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(text[i]);
        }

        return builder.ToString();
    }
}
