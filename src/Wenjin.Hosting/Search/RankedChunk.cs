using Wenjin.Search;
using Wenjin.Storage;

namespace Wenjin.Hosting.Search;

/// <summary>A candidate with its final score, the share of the query it covers, and (when asked) the explanation.</summary>
public sealed record RankedChunk(ChunkCandidate Candidate, double Score, double Coverage, ScoreExplanation? Explanation);
