namespace Wenjin.Bench.Extraction;

/// <summary>
/// 总结 and 重大事件摘要, scored by an automatic proxy for the README's human/LLM support judgement: a <c>_support</c>
/// sentence is covered when the predicted text (normalised) holds at least 60% of the sentence's character bigrams
/// (counted with multiplicity) and every number the sentence writes. The score is the covered share of the sentences.
/// Faithfulness is approximated by numbers only: a predicted text that writes an Arabic number the document does not
/// contain scores 0 and is marked unfaithful. Documents without <c>_support</c> sentences are not scored.
/// </summary>
internal static class SupportProxyScorer
{
    public const double MinimumContainment = 0.6;

    /// <summary>The score, or null when the gold record has no support sentences for the field.</summary>
    public static DocumentFieldScore? Score(string field, ExpectedRecord gold, PredictedField? predicted, EvaluationDocument document)
    {
        IReadOnlyList<string> support = gold.Strings(field + "_support");
        if (support.Count == 0)
        {
            return null;
        }

        string text = string.Concat(PredictedItems.Strings(predicted).Where(item => item is not null));
        if (string.IsNullOrWhiteSpace(text))
        {
            return DocumentFieldScore.NotPredicted;
        }

        string normalized = TextNormalizer.Normalize(text);
        HashSet<decimal> numbers = TextNormalizer.Numbers(normalized);
        if (!numbers.IsSubsetOf(document.Numbers))
        {
            return new DocumentFieldScore(null, 0, 0, Unfaithful: true);
        }

        double covered = (double)support.Count(sentence => IsCovered(sentence, normalized, numbers)) / support.Count;
        return new DocumentFieldScore(null, covered, covered);
    }

    /// <summary>Whether <paramref name="predictedNormalized"/> covers one support sentence.</summary>
    public static bool IsCovered(string sentence, string predictedNormalized, IReadOnlySet<decimal> predictedNumbers)
    {
        string normalized = TextNormalizer.Normalize(sentence);
        if (!TextNormalizer.Numbers(normalized).IsSubsetOf(predictedNumbers))
        {
            return false;
        }

        Dictionary<string, int> sentenceBigrams = TextNormalizer.Bigrams(normalized);
        int total = sentenceBigrams.Values.Sum();
        if (total == 0)
        {
            return normalized.Length > 0 && predictedNormalized.Contains(normalized, StringComparison.Ordinal);
        }

        Dictionary<string, int> predictedBigrams = TextNormalizer.Bigrams(predictedNormalized);
        int shared = sentenceBigrams.Sum(pair => Math.Min(pair.Value, predictedBigrams.GetValueOrDefault(pair.Key)));
        return (double)shared / total >= MinimumContainment;
    }
}
