namespace Wenjin.Bench.Extraction;

/// <summary>中标金额: correct when the predicted amount in 元 is within ±0.5 元 of the gold amount (text is read by <see cref="AmountParser"/>).</summary>
internal static class AmountScorer
{
    public const decimal Tolerance = 0.5m;

    public static DocumentFieldScore Score(string field, ExpectedRecord gold, PredictedField? predicted)
    {
        if (predicted is null || !predicted.HasValue)
        {
            return DocumentFieldScore.NotPredicted;
        }

        decimal? expected = AmountParser.Parse(gold.Field(field));
        decimal? actual = AmountParser.Parse(predicted.Value);
        return DocumentFieldScore.Single(expected is not null && actual is not null && Math.Abs(expected.Value - actual.Value) <= Tolerance);
    }
}
