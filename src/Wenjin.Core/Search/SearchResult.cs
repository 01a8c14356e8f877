namespace Wenjin.Search;

public sealed record SearchResult(string Query, double TookMs, IReadOnlyList<SearchHit> Hits);
