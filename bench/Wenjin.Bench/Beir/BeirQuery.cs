namespace Wenjin.Bench.Beir;

/// <summary>
/// A query with its judged documents: corpus id → graded relevance (only grades &gt; 0 are kept, so every key is
/// relevant).
/// </summary>
internal sealed record BeirQuery(string Id, string Text, IReadOnlyDictionary<string, int> Relevance);
