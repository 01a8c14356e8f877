namespace Wenjin.Search;

public sealed record SearchRequest(string Query)
{
    public int Top { get; init; } = 10;

    public bool Explain { get; init; }
}
