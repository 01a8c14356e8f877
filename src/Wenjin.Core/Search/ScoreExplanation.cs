namespace Wenjin.Search;

/// <summary>
/// Why a score has its value: a tree whose node value is computed from its details as the description says
/// (e.g. "sum of", "idf × tf-norm"). Every search score can be explained this way.
/// </summary>
public sealed record ScoreExplanation(double Value, string Description)
{
    public IReadOnlyList<ScoreExplanation> Details { get; init; } = [];
}
