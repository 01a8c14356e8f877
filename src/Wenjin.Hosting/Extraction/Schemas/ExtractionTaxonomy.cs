using Wenjin.Errors;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// The category taxonomy that taxonomy-backed fields draw their values from: facets (行业, AI技术, 应用类型 …), each an
/// ordered list of categories with their Chinese and English terms, read by Wenjin.Text's <see cref="Taxonomy"/> (one
/// reader for schemas, validation and matching). The default is the taxonomy.json embedded in this assembly: <c>{"version": 1, "facets": {"行业": [{"name": "金融", "terms": ["银行", …]}, …]}}</c>. Immutable.
/// </summary>
public sealed class ExtractionTaxonomy
{
    private const string ResourceName = "Wenjin.Hosting.Extraction.taxonomy.json";

    private static readonly Lazy<ExtractionTaxonomy> DefaultInstance = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Taxonomy _taxonomy;

    private ExtractionTaxonomy(Taxonomy taxonomy)
    {
        _taxonomy = taxonomy;
    }

    /// <summary>The taxonomy shipped with Wenjin.</summary>
    public static ExtractionTaxonomy Default => DefaultInstance.Value;

    /// <summary>The parsed taxonomy, for matching categories in text (<see cref="TaxonomyMatcher"/>).</summary>
    public Taxonomy Taxonomy => _taxonomy;

    /// <summary>The facet names, in file order.</summary>
    public IReadOnlyList<string> FacetNames => [.. _taxonomy.Facets.Select(f => f.Name)];

    /// <summary>Reads a taxonomy file's JSON (<see cref="Taxonomy.Parse"/>); anything malformed is an invalid-input error naming where.</summary>
    public static ExtractionTaxonomy Parse(string json) => new(Taxonomy.Parse(json));

    /// <summary>The categories of <paramref name="facet"/>, or null when there is no such facet.</summary>
    public IReadOnlyList<TaxonomyCategory>? Find(string facet) => _taxonomy.TryGetFacet(facet, out var found) ? found.Categories : null;

    /// <summary>The category called <paramref name="name"/> in <paramref name="facet"/>, or null.</summary>
    public TaxonomyCategory? FindCategory(string facet, string name) =>
        Find(facet)?.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    private static ExtractionTaxonomy LoadDefault()
    {
        using Stream stream = typeof(ExtractionTaxonomy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new WenjinException(WenjinErrorKind.Internal, $"The embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
