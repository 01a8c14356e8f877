namespace Wenjin.Bench.Extraction;

/// <summary>A field of a schema that the evaluation set scores; <paramref name="Facet"/> is the taxonomy facet of a category field.</summary>
internal sealed record EvaluatedField(string Name, ScoringRule Rule, string? Facet = null)
{
    /// <summary>The label of the kind in tables and JSON.</summary>
    public string RuleLabel => Rule switch
    {
        ScoringRule.ExactString => "exact",
        ScoringRule.Amount => "amount ±0.5元",
        ScoringRule.Date => "date",
        ScoringRule.Category => "category",
        ScoringRule.LenientList => "lenient list",
        ScoringRule.Metrics => "metrics",
        ScoringRule.FreeText => "support (automatic proxy)",
        _ => Rule.ToString(),
    };

    /// <summary>
    /// Exact, amount and date fields count documents (P = correct / predicted, R = correct / gold, F1 their harmonic
    /// mean); list and category fields average per-document scores.
    /// </summary>
    public bool IsCountedPerDocument => Rule is ScoringRule.ExactString or ScoringRule.Amount or ScoringRule.Date;
}
