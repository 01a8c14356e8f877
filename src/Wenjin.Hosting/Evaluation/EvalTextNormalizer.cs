using System.Text;

namespace Wenjin.Hosting.Evaluation;

/// <summary>
/// The comparison form used by evaluation: white space removed, full-width ASCII folded, lower case. QA set quotes
/// are "whitespace-insensitive" (CONTRACTS.md), and converted documents differ from their sources in spacing.
/// </summary>
public static class EvalTextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        foreach (char raw in text)
        {
            char ch = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(ch) || ch == '\u200B' || ch == '\uFEFF')
            {
                continue;
            }

            sb.Append(char.ToLowerInvariant(ch));
        }

        return sb.ToString();
    }
}
