using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// The string normalisation of the evaluation set's scoring rules (bench/data/extraction/README.md), applied to both
/// sides before any comparison: Unicode NFKC, all whitespace removed, the quotation marks and brackets
/// <c>“”‘’"'「」『』《》</c> removed, ASCII lower-cased. Also the character bigrams and written numbers the lenient
/// and free-text rules compare.
/// </summary>
internal static partial class TextNormalizer
{
    private const string RemovedMarks = "“”‘’\"'「」『』《》";

    public static string Normalize(string text)
    {
        string folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (char c in folded)
        {
            if (char.IsWhiteSpace(c) || RemovedMarks.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            builder.Append(c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c);
        }

        return builder.ToString();
    }

    /// <summary>The adjacent character pairs of an already normalised string, with their multiplicity.</summary>
    public static Dictionary<string, int> Bigrams(string normalized)
    {
        var bigrams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < normalized.Length; i++)
        {
            string pair = normalized.Substring(i, 2);
            bigrams[pair] = bigrams.GetValueOrDefault(pair) + 1;
        }

        return bigrams;
    }

    /// <summary>
    /// The Arabic-digit numbers written in a text (after NFKC, thousands separators dropped: "1,487" → 1487), as
    /// decimals so that "82" and "82.0" are the same number. Chinese numerals are not read.
    /// </summary>
    public static HashSet<decimal> Numbers(string text)
    {
        string folded = text.Normalize(NormalizationForm.FormKC);
        var numbers = new HashSet<decimal>();
        foreach (Match match in NumberPattern().Matches(folded))
        {
            if (decimal.TryParse(match.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
            {
                numbers.Add(value);
            }
        }

        return numbers;
    }

    [GeneratedRegex(@"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
