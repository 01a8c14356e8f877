using System.Text.Json.Serialization;

namespace Wenjin.Search;

/// <summary>One ranked chunk. [Start, End) is a span of the document's extracted text; Page is 1-based or null.</summary>
public sealed record SearchHit(int Rank, double Score, string DocId, string SourceId, string? Title, string ChunkId, string Text, int? Page, int Start, int End)
{
    public IReadOnlyList<string> HeadingPath { get; init; } = [];

    /// <summary>Present when the caller asked for explanations; omitted from JSON otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ScoreExplanation? Explanation { get; init; }
}
