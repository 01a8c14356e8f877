namespace Wenjin.Text.Extraction;

/// <summary>A category of a taxonomy facet: its name and the terms whose presence in a text is evidence for it.</summary>
public sealed record TaxonomyCategory(string Name, IReadOnlyList<string> Terms);
