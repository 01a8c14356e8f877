namespace Wenjin.Hosting.Search;

/// <summary>A chunk (by its store key) found by vector search, with the cosine similarity of its vector to the query's.</summary>
public readonly record struct VectorMatch(long Key, double Cosine);
