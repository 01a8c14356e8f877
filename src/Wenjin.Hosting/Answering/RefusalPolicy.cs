using Wenjin.Analysis;

namespace Wenjin.Hosting.Answering;

/// <summary>
/// Decides from <see cref="AnswerEvidence"/> whether the documents support an answer. Each rule names what is missing,
/// and the reason is returned with the refusal.
/// </summary>
public sealed class RefusalPolicy
{
    private readonly AnswerOptions _options;

    public RefusalPolicy(AnswerOptions options)
    {
        _options = options;
    }

    /// <summary>Why the question must be refused, or null when the evidence supports the chosen answer.</summary>
    public string? RefusalReason(AnswerEvidence evidence)
    {
        if (evidence.Retrieval.Chunks.Count == 0 || evidence.Chosen is not { } chosen)
        {
            return "no passage shares a content word with the question";
        }

        if (evidence.BestChunkCoverage < _options.MinChunkCoverage && evidence.BestChunkPairShare < _options.PairShareOverride)
        {
            return $"the best passage covers only {evidence.BestChunkCoverage:P0} of the question";
        }

        if (chosen.Coverage < _options.MinSentenceCoverage)
        {
            return "no sentence in the best passages speaks about the question";
        }

        if (_options.RequireAnswerType && AnswerTypeMatcher.IsStrict(evidence.Query.Kind) && chosen.TypeMatch == 0)
        {
            return $"the evidence has no {(evidence.Query.Kind == QuestionKind.Time ? "date or time" : "number")} for this question";
        }

        return null;
    }
}
