using Wenjin.Search;
using Wenjin.Storage;

namespace Wenjin.Hosting.Search;

/// <summary>
/// A candidate with its final score, the share of the query's idf weight it covers, the share of the question's
/// adjacent character pairs it contains, and (when asked) the explanation.
/// </summary>
public sealed record RankedChunk(ChunkCandidate Candidate, double Score, double Coverage, ScoreExplanation? Explanation)
{
    public double PairShare { get; init; }
}
