namespace Wenjin.Analysis;

/// <summary>A distinct query term with its weight (1 for ordinary terms) and first position in the query.</summary>
public sealed record QueryTerm(string Term, double Weight, int Position);
