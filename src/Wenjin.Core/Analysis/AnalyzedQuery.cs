namespace Wenjin.Analysis;

/// <summary>
/// A question after analysis: the distinct content terms to search for (question words and stop words removed),
/// and what kind of answer it asks for.
/// </summary>
public sealed record AnalyzedQuery(string Text, IReadOnlyList<QueryTerm> Terms, QuestionKind Kind)
{
    /// <summary>Terms in query order with positions, before de-duplication (for phrase/proximity scoring).</summary>
    public IReadOnlyList<AnalyzedToken> Sequence { get; init; } = [];

    /// <summary>Question words that were removed (什么, 多少, 吗 …), for explanations.</summary>
    public IReadOnlyList<string> Removed { get; init; } = [];
}
