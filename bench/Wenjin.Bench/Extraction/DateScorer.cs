namespace Wenjin.Bench.Extraction;

/// <summary>公告日期: correct when the prediction, normalised to <c>YYYY-MM-DD</c> by <see cref="DateNormalizer"/>, is the gold date.</summary>
internal static class DateScorer
{
    public static DocumentFieldScore Score(string field, ExpectedRecord gold, PredictedField? predicted)
    {
        if (predicted is null || !predicted.HasValue)
        {
            return DocumentFieldScore.NotPredicted;
        }

        string? expected = DateNormalizer.Normalize(gold.Field(field));
        string? actual = DateNormalizer.Normalize(predicted.Value);
        return DocumentFieldScore.Single(expected is not null && string.Equals(expected, actual, StringComparison.Ordinal));
    }
}
