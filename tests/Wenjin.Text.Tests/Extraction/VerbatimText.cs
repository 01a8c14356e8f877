namespace Wenjin.Text.Tests.Extraction;

/// <summary>Compares a quote with the value read from it: the same characters once white space is removed and widths folded.</summary>
internal static class VerbatimText
{
    public static string Compact(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            builder.Append(c >= '\uFF01' && c <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
        }

        return builder.ToString();
    }
}
