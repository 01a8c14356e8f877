using System.Text.Json;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// 成果指标: a predicted metric matches a gold one when the values agree within a relative 1e-6 (after converting
/// 元/万元/亿元 and 分钟/小时; % is never 个百分点), the units agree (or convert), and the names are similar (one contains
/// the other, or their character-bigram Dice coefficient is ≥ 0.4). Matching is one-to-one and maximal (augmenting
/// paths), first against the gold list, then the remaining predictions against <c>成果指标_optional</c>: those matches
/// are ignored. Empty gold with an empty prediction scores 1/1; any metric predicted there is an FP.
/// </summary>
internal static class MetricScorer
{
    public const double RelativeTolerance = 1e-6;
    public const double MinimumDice = 0.4;

    public static DocumentFieldScore Score(string field, ExpectedRecord gold, PredictedField? predicted)
    {
        MetricItem[] predictions = [.. PredictedItems.Of(predicted).Select(MetricItem.From)];
        MetricItem[] expected = ItemsOf(gold.Field(field));
        MetricItem[] optional = ItemsOf(gold.Field(field + "_optional"));

        bool[] matchedGold = MaximumMatching(predictions, expected, out int truePositives);
        MetricItem[] unmatched = [.. predictions.Where((_, i) => !matchedGold[i])];
        MaximumMatching(unmatched, optional, out int ignored);
        return DocumentFieldScore.FromCounts(truePositives, predictions.Length - ignored, expected.Length);
    }

    public static bool Matches(MetricItem predicted, MetricItem gold)
    {
        if (predicted.Canonical() is not { } left || gold.Canonical() is not { } right
            || !string.Equals(left.Unit, right.Unit, StringComparison.Ordinal))
        {
            return false;
        }

        double scale = Math.Max(Math.Abs(left.Value), Math.Abs(right.Value));
        return Math.Abs(left.Value - right.Value) <= RelativeTolerance * scale && AreSimilarNames(predicted.Name, gold.Name);
    }

    /// <summary>Normalised names: one contains the other, or the Dice coefficient of their character bigrams is ≥ 0.4.</summary>
    public static bool AreSimilarNames(string left, string right)
    {
        if (left.Length == 0 || right.Length == 0)
        {
            return false;
        }

        if (left.Contains(right, StringComparison.Ordinal) || right.Contains(left, StringComparison.Ordinal))
        {
            return true;
        }

        return Dice(left, right) >= MinimumDice;
    }

    public static double Dice(string left, string right)
    {
        Dictionary<string, int> a = TextNormalizer.Bigrams(left);
        Dictionary<string, int> b = TextNormalizer.Bigrams(right);
        int total = a.Values.Sum() + b.Values.Sum();
        if (total == 0)
        {
            return 0;
        }

        int shared = a.Sum(pair => Math.Min(pair.Value, b.GetValueOrDefault(pair.Key)));
        return 2.0 * shared / total;
    }

    private static MetricItem[] ItemsOf(JsonElement list) =>
        list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray().Select(MetricItem.From)] : [];

    /// <summary>A maximum one-to-one matching (Kuhn's augmenting paths); returns which predictions are matched.</summary>
    private static bool[] MaximumMatching(MetricItem[] predictions, MetricItem[] gold, out int matches)
    {
        int[] goldPartner = [.. Enumerable.Repeat(-1, gold.Length)];
        matches = 0;
        for (int p = 0; p < predictions.Length; p++)
        {
            if (TryAugment(p, predictions, gold, goldPartner, new bool[gold.Length]))
            {
                matches++;
            }
        }

        bool[] matched = new bool[predictions.Length];
        foreach (int partner in goldPartner.Where(partner => partner >= 0))
        {
            matched[partner] = true;
        }

        return matched;
    }

    private static bool TryAugment(int prediction, MetricItem[] predictions, MetricItem[] gold, int[] goldPartner, bool[] visited)
    {
        for (int g = 0; g < gold.Length; g++)
        {
            if (visited[g] || !Matches(predictions[prediction], gold[g]))
            {
                continue;
            }

            visited[g] = true;
            if (goldPartner[g] < 0 || TryAugment(goldPartner[g], predictions, gold, goldPartner, visited))
            {
                goldPartner[g] = prediction;
                return true;
            }
        }

        return false;
    }
}
