namespace Wenjin.Bench.Extraction;

/// <summary>
/// One field of one document: precision (null when nothing counted was predicted), recall and F1. For a free-text
/// field, <see cref="F1"/> holds the support score and <paramref name="Unfaithful"/> says that the predicted text wrote
/// a number the document does not contain.
/// </summary>
internal sealed record DocumentFieldScore(double? Precision, double Recall, double F1, bool Unfaithful = false)
{
    /// <summary>No prediction for a document with a gold value (or no record for the document at all).</summary>
    public static DocumentFieldScore NotPredicted { get; } = new(null, 0, 0);

    /// <summary>A single-valued field: predicted and correct, or predicted and wrong.</summary>
    public static DocumentFieldScore Single(bool correct) => correct ? new(1, 1, 1) : new(0, 0, 0);

    /// <summary>
    /// Set scores from counts: <paramref name="matched"/> of <paramref name="counted"/> counted predictions matched
    /// gold items, of which there are <paramref name="gold"/>. Empty gold with no counted prediction scores 1/1; empty
    /// gold with predictions scores precision 0 (every prediction is an FP) and recall 1 (nothing was missed).
    /// </summary>
    public static DocumentFieldScore FromCounts(int matched, int counted, int gold)
    {
        if (gold == 0)
        {
            return counted == 0 ? new(1, 1, 1) : new(0, 1, 0);
        }

        double recall = (double)matched / gold;
        if (counted == 0)
        {
            return new(null, recall, 0);
        }

        double precision = (double)matched / counted;
        return new(precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0);
    }

    /// <summary>The value earns credit: correct, or at least one matched item, or some support.</summary>
    public bool IsPositive => F1 > 0;
}
