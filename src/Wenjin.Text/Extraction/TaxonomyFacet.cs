namespace Wenjin.Text.Extraction;

/// <summary>One dimension of a taxonomy (行业, AI技术, 应用类型 …) and its categories, in file order.</summary>
public sealed record TaxonomyFacet(string Name, IReadOnlyList<TaxonomyCategory> Categories);
