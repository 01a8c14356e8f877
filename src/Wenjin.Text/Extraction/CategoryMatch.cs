namespace Wenjin.Text.Extraction;

/// <summary>
/// A category found in a text: <see cref="Hits"/> term occurrences, each quoted by one span of <see cref="Evidence"/>
/// (in text order).
/// </summary>
public sealed record CategoryMatch(string Facet, string Category, int Hits, IReadOnlyList<TextSpan> Evidence);
