using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wenjin.Text.Extraction;

/// <summary>
/// Facets of categories, each category with the terms that evidence it, loaded from JSON:
/// <code>
/// {"version": 1,
///  "facets": {"行业": [{"name": "金融", "terms": ["金融", "银行", "bank"]}, …], "AI技术": […]}}
/// </code>
/// A facet needs at least one category, a category a non-empty name (unique in its facet) and at least one term; terms
/// are trimmed, at most <see cref="MaxTermLength"/> characters, and duplicates within a category are dropped. Other
/// properties are ignored; comments and trailing commas are allowed. A file that breaks a rule fails with
/// <see cref="WenjinErrorKind.InvalidInput"/> and a message naming the place ("facets.行业[1].terms[0]"). Immutable.
/// </summary>
public sealed class Taxonomy
{
    /// <summary>The file format version this build reads.</summary>
    public const int SupportedVersion = 1;

    /// <summary>The longest term accepted, in characters.</summary>
    public const int MaxTermLength = 64;

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, TaxonomyFacet> _byName;

    private Taxonomy(int version, List<TaxonomyFacet> facets)
    {
        Version = version;
        Facets = facets;
        _byName = facets.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The file format version the taxonomy was read from.</summary>
    public int Version { get; }

    /// <summary>The facets in file order.</summary>
    public IReadOnlyList<TaxonomyFacet> Facets { get; }

    /// <summary>Parses a taxonomy from JSON text.</summary>
    public static Taxonomy Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, ReadOptions);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }
    }

    /// <summary>Reads a taxonomy from a UTF-8 JSON stream (the stream is not closed).</summary>
    public static Taxonomy Load(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Json, ReadOptions);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }
    }

    /// <summary>The facet called <paramref name="name"/>; an unknown name fails with the names there are.</summary>
    public TaxonomyFacet Facet(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_byName.TryGetValue(name, out TaxonomyFacet? facet))
        {
            throw WenjinException.Invalid($"The taxonomy has no facet '{name}'; its facets are: {string.Join(", ", Facets.Select(f => f.Name))}.");
        }

        return facet;
    }

    /// <summary>The facet called <paramref name="name"/>, if there is one.</summary>
    public bool TryGetFacet(string name, [NotNullWhen(true)] out TaxonomyFacet? facet)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out facet);
    }

    private static WenjinException NotJson(JsonException e) =>
        new(WenjinErrorKind.InvalidInput, $"The taxonomy is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", inner: e);

    private static WenjinException Invalid(string path, string problem) =>
        WenjinException.Invalid($"The taxonomy is invalid at {path}: {problem}");

    private static Taxonomy Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("the top level", $"expected an object with \"version\" and \"facets\", found {Describe(root)}.");
        }

        if (!root.TryGetProperty("version", out JsonElement versionElement))
        {
            throw Invalid("the top level", $"\"version\" is missing; this build reads version {SupportedVersion}.");
        }

        if (versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out int version) || version != SupportedVersion)
        {
            throw Invalid("version", $"found {versionElement.GetRawText()}; this build reads version {SupportedVersion}.");
        }

        if (!root.TryGetProperty("facets", out JsonElement facetsElement))
        {
            throw Invalid("the top level", "\"facets\" is missing.");
        }

        if (facetsElement.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("facets", $"expected an object of facet name → categories, found {Describe(facetsElement)}.");
        }

        var facets = new List<TaxonomyFacet>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty facetProperty in facetsElement.EnumerateObject())
        {
            string name = facetProperty.Name.Trim();
            string path = $"facets.{facetProperty.Name}";
            if (name.Length == 0)
            {
                throw Invalid(path, "a facet name is empty.");
            }

            if (!names.Add(name))
            {
                throw Invalid(path, $"the facet '{name}' appears twice.");
            }

            facets.Add(ReadFacet(name, facetProperty.Value, path));
        }

        if (facets.Count == 0)
        {
            throw Invalid("facets", "there are no facets.");
        }

        return new Taxonomy(version, facets);
    }

    private static TaxonomyFacet ReadFacet(string name, JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"expected an array of categories, found {Describe(element)}.");
        }

        var categories = new List<TaxonomyCategory>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement categoryElement in element.EnumerateArray())
        {
            string categoryPath = $"{path}[{index}]";
            TaxonomyCategory category = ReadCategory(categoryElement, categoryPath);
            if (!names.Add(category.Name))
            {
                throw Invalid(categoryPath, $"the category '{category.Name}' appears twice in facet '{name}'.");
            }

            categories.Add(category);
            index++;
        }

        if (categories.Count == 0)
        {
            throw Invalid(path, "the facet has no categories.");
        }

        return new TaxonomyFacet(name, categories);
    }

    private static TaxonomyCategory ReadCategory(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(path, $"expected a category object with \"name\" and \"terms\", found {Describe(element)}.");
        }

        if (!element.TryGetProperty("name", out JsonElement nameElement) || nameElement.ValueKind != JsonValueKind.String
            || nameElement.GetString()!.Trim().Length == 0)
        {
            throw Invalid(path, "\"name\" must be a non-empty string.");
        }

        string name = nameElement.GetString()!.Trim();
        if (!element.TryGetProperty("terms", out JsonElement termsElement) || termsElement.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(path, $"category '{name}' needs \"terms\", an array of strings.");
        }

        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int index = 0;
        foreach (JsonElement termElement in termsElement.EnumerateArray())
        {
            string termPath = $"{path}.terms[{index}]";
            if (termElement.ValueKind != JsonValueKind.String)
            {
                throw Invalid(termPath, $"expected a string, found {Describe(termElement)}.");
            }

            string term = termElement.GetString()!.Trim();
            if (term.Length == 0)
            {
                throw Invalid(termPath, "a term is empty.");
            }

            if (term.Length > MaxTermLength)
            {
                throw Invalid(termPath, $"the term is {term.Length} characters long; terms are at most {MaxTermLength}.");
            }

            if (seen.Add(term))
            {
                terms.Add(term);
            }

            index++;
        }

        if (terms.Count == 0)
        {
            throw Invalid(path, $"category '{name}' has no terms.");
        }

        return new TaxonomyCategory(name, terms);
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
