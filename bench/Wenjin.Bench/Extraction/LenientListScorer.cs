namespace Wenjin.Bench.Extraction;

/// <summary>
/// 关键词 and 功能: a predicted item matches a gold item when, normalised, they are equal or one contains the other;
/// an item of one character never matches. Matching is one-to-one and greedy, the pair with the longest overlap (the
/// length of the contained item) first, equal pairs before containments, then in list order.
/// Precision = matched predictions / predictions, recall = matched gold items / gold items.
/// </summary>
internal static class LenientListScorer
{
    public static DocumentFieldScore Score(string field, ExpectedRecord gold, PredictedField? predicted)
    {
        IReadOnlyList<string?> predictions = PredictedItems.Strings(predicted);
        IReadOnlyList<string> expected = gold.Strings(field);
        return DocumentFieldScore.FromCounts(Match(predictions, expected), predictions.Count, expected.Count);
    }

    /// <summary>The number of one-to-one matches.</summary>
    public static int Match(IReadOnlyList<string?> predictions, IReadOnlyList<string> gold)
    {
        string?[] left = [.. predictions.Select(item => item is null ? null : TextNormalizer.Normalize(item))];
        string[] right = [.. gold.Select(TextNormalizer.Normalize)];
        var pairs = new List<(int Prediction, int Gold, int Overlap, bool Equal)>();
        for (int i = 0; i < left.Length; i++)
        {
            for (int j = 0; j < right.Length; j++)
            {
                if (left[i] is { Length: > 1 } a && right[j] is { Length: > 1 } b
                    && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal)))
                {
                    pairs.Add((i, j, Math.Min(a.Length, b.Length), a.Length == b.Length));
                }
            }
        }

        var usedPredictions = new HashSet<int>();
        var usedGold = new HashSet<int>();
        int matched = 0;
        foreach (var pair in pairs.OrderByDescending(p => p.Overlap).ThenByDescending(p => p.Equal).ThenBy(p => p.Prediction).ThenBy(p => p.Gold))
        {
            if (!usedPredictions.Contains(pair.Prediction) && !usedGold.Contains(pair.Gold))
            {
                usedPredictions.Add(pair.Prediction);
                usedGold.Add(pair.Gold);
                matched++;
            }
        }

        return matched;
    }
}
