namespace Wenjin.Hosting.Search;

/// <summary>A query's vector-search results, best first, and the embedding model that produced the vectors.</summary>
public sealed record VectorMatches(string Model, IReadOnlyList<VectorMatch> Matches);
