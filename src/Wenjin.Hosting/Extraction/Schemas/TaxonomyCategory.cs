namespace Wenjin.Hosting.Extraction;

/// <summary>A category of a taxonomy facet: its name (the value records hold) and the terms that indicate it.</summary>
public sealed record TaxonomyCategory(string Name, IReadOnlyList<string> Terms);
