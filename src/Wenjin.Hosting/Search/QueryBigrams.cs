using Wenjin.Analysis;
using Wenjin.Text.Normalization;

namespace Wenjin.Hosting.Search;

/// <summary>
/// The distinct adjacent pairs of Chinese characters of a question, in folded form (Simplified, lower case), with the
/// removed question words taken out first: "千卡并行的有效算力达到多少" → 千卡, 卡并, 并行, 行的, 的有 ….
/// </summary>
public static class QueryBigrams
{
    public static IReadOnlyList<string> Of(AnalyzedQuery query)
    {
        string folded = CharacterFolder.Shared.Fold(query.Text);
        foreach (string removed in query.Removed)
        {
            if (removed.Length > 0)
            {
                folded = folded.Replace(CharacterFolder.Shared.Fold(removed), "\n", StringComparison.Ordinal);
            }
        }

        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < folded.Length; i++)
        {
            if (IsHan(folded[i]) && IsHan(folded[i + 1]))
            {
                string pair = folded.Substring(i, 2);
                if (seen.Add(pair))
                {
                    result.Add(pair);
                }
            }
        }

        return result;
    }

    /// <summary>Share of <paramref name="bigrams"/> found in <paramref name="foldedText"/>.</summary>
    public static double Share(IReadOnlyList<string> bigrams, string foldedText)
    {
        if (bigrams.Count == 0)
        {
            return 0;
        }

        int found = 0;
        foreach (string pair in bigrams)
        {
            if (foldedText.Contains(pair, StringComparison.Ordinal))
            {
                found++;
            }
        }

        return (double)found / bigrams.Count;
    }

    private static bool IsHan(char c) => c is >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff';
}
