using System.Text.Json;
using Wenjin.Errors;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// The category taxonomy that taxonomy-backed fields draw their values from: facets (行业, AI技术, 应用类型 …), each an
/// ordered list of categories with their Chinese and English terms. The default is the taxonomy.json embedded in this
/// assembly: <c>{"version": 1, "facets": {"行业": [{"name": "金融", "terms": ["银行", …]}, …]}}</c>. Immutable.
/// </summary>
public sealed class ExtractionTaxonomy
{
    private const string ResourceName = "Wenjin.Hosting.Extraction.taxonomy.json";

    private static readonly Lazy<ExtractionTaxonomy> DefaultInstance = new(LoadDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, IReadOnlyList<TaxonomyCategory>> _facets;

    private ExtractionTaxonomy(Dictionary<string, IReadOnlyList<TaxonomyCategory>> facets)
    {
        _facets = facets;
    }

    /// <summary>The taxonomy shipped with Wenjin.</summary>
    public static ExtractionTaxonomy Default => DefaultInstance.Value;

    /// <summary>The facet names, in file order.</summary>
    public IReadOnlyList<string> FacetNames => [.. _facets.Keys];

    /// <summary>Reads a taxonomy file's JSON; anything malformed is an invalid-input error naming where.</summary>
    public static ExtractionTaxonomy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("facets", out var facets) || facets.ValueKind != JsonValueKind.Object)
            {
                throw WenjinException.Invalid("The taxonomy has no \"facets\" object.");
            }

            var result = new Dictionary<string, IReadOnlyList<TaxonomyCategory>>(StringComparer.Ordinal);
            foreach (var facet in facets.EnumerateObject())
            {
                if (facet.Value.ValueKind != JsonValueKind.Array)
                {
                    throw WenjinException.Invalid($"The taxonomy facet \"{facet.Name}\" is not a list of categories.");
                }

                var categories = new List<TaxonomyCategory>();
                foreach (var category in facet.Value.EnumerateArray())
                {
                    string? name = category.ValueKind == JsonValueKind.Object && category.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    if (string.IsNullOrWhiteSpace(name))
                    {
                        throw WenjinException.Invalid($"A category of the taxonomy facet \"{facet.Name}\" has no name.");
                    }

                    var terms = new List<string>();
                    if (category.TryGetProperty("terms", out var t) && t.ValueKind == JsonValueKind.Array)
                    {
                        terms.AddRange(t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0));
                    }

                    categories.Add(new TaxonomyCategory(name, terms));
                }

                result[facet.Name] = categories;
            }

            return new ExtractionTaxonomy(result);
        }
        catch (JsonException e)
        {
            throw new WenjinException(WenjinErrorKind.InvalidInput, $"The taxonomy is not valid JSON: {e.Message}", inner: e);
        }
    }

    /// <summary>The categories of <paramref name="facet"/>, or null when there is no such facet.</summary>
    public IReadOnlyList<TaxonomyCategory>? Find(string facet) => _facets.GetValueOrDefault(facet);

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
