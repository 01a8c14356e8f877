using System.Text.Json;
using System.Text.RegularExpressions;
using Wenjin.Errors;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Reads an extraction schema from a JSON Schema (draft 2020-12) document. The subset read: a root
/// <c>"type": "object"</c> with <c>properties</c> (in file order) and <c>required</c>; per property <c>type</c>
/// (string, number, integer, array, object; or [type, "null"]), <c>description</c>, <c>enum</c> (strings),
/// <c>format</c> (date, uri), <c>items</c>, nested <c>properties</c>/<c>required</c>, <c>additionalProperties</c> and
/// the extensions <c>x-wenjin-source</c> (a hint or a list of hints, <see cref="SourceHintVocabulary"/>) and
/// <c>x-wenjin-unit</c> (numbers). <c>title</c>, <c>$comment</c> and <c>examples</c> are accepted and ignored below the
/// root. Anything else is an invalid-input error whose message starts with the JSON path ("$.properties.成果指标.items")
/// so the author knows what to fix. Thread-safe.
/// </summary>
public sealed partial class JsonSchemaReader
{
    /// <summary>The file name ending of schema files; the part before it is the schema name.</summary>
    public const string FileSuffix = ".schema.json";

    private const string Draft202012 = "https://json-schema.org/draft/2020-12/schema";

    private static readonly HashSet<string> RootKeywords =
        ["$schema", "$id", "$comment", "title", "description", "type", "properties", "required", "additionalProperties"];

    private static readonly HashSet<string> PropertyKeywords =
        ["type", "description", "title", "$comment", "examples", "enum", "format", "items", "properties", "required", "additionalProperties", "x-wenjin-source", "x-wenjin-unit"];

    private readonly ExtractionTaxonomy _taxonomy;

    public JsonSchemaReader(ExtractionTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
    }

    /// <summary>True for a usable schema name: lower-case ASCII letters and digits in groups joined by '-', at most 64 characters.</summary>
    public static bool IsValidName(string name) => name.Length <= 64 && NamePattern().IsMatch(name);

    /// <summary>Reads the schema file at <paramref name="path"/>; its name is the file name without <see cref="FileSuffix"/>.</summary>
    public ExtractionSchema ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string fileName = Path.GetFileName(path);
        if (!fileName.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase))
        {
            throw WenjinException.Invalid($"The schema file '{path}' must be named NAME{FileSuffix}.");
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WenjinException(WenjinErrorKind.InvalidInput, $"The schema file '{path}' cannot be read: {e.Message}", inner: e);
        }

        try
        {
            return Read(fileName[..^FileSuffix.Length], json);
        }
        catch (WenjinException e) when (e.Kind == WenjinErrorKind.InvalidInput)
        {
            throw new WenjinException(WenjinErrorKind.InvalidInput, $"{path}: {e.Message}", inner: e);
        }
    }

    /// <summary>Reads a schema called <paramref name="name"/> from JSON Schema text.</summary>
    public ExtractionSchema Read(string name, string json)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(json);
        if (!IsValidName(name))
        {
            throw WenjinException.Invalid($"'{name}' is not a valid schema name: use lower-case letters, digits and '-' (e.g. news-brief).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new WenjinException(WenjinErrorKind.InvalidInput, $"The schema '{name}' is not valid JSON: {e.Message}", inner: e);
        }

        using (document)
        {
            var root = document.RootElement;
            const string path = "$";
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, "a schema must be a JSON object");
            }

            CheckKeywords(root, RootKeywords, path);
            if (root.TryGetProperty("$schema", out var dialect) && dialect.GetString()?.TrimEnd('#') != Draft202012)
            {
                throw Error(path + ".$schema", $"only JSON Schema draft 2020-12 (\"{Draft202012}\") is supported");
            }

            if (ReadTypeName(root, path) != "object")
            {
                throw Error(path + ".type", "the root of a schema must have \"type\": \"object\"");
            }

            var fields = ReadProperties(root, path, HintContext.TopLevel);
            string title = OptionalString(root, "title", path) ?? name;
            return new ExtractionSchema(name, title, OptionalString(root, "description", path), fields);
        }
    }

    private List<SchemaField> ReadProperties(JsonElement owner, string path, HintContext context)
    {
        if (!owner.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "an object needs \"properties\" (an object of named fields)");
        }

        HashSet<string> required = ReadRequired(owner, path, properties);
        var fields = new List<SchemaField>();
        foreach (var property in properties.EnumerateObject())
        {
            if (string.IsNullOrWhiteSpace(property.Name))
            {
                throw Error(path + ".properties", "a property name must not be empty");
            }

            if (fields.Any(f => f.Name == property.Name))
            {
                throw Error(path + ".properties", $"the property \"{property.Name}\" is defined twice");
            }

            var field = ReadField(property.Name, property.Value, $"{path}.properties.{property.Name}", context);
            fields.Add(field with { Required = required.Contains(property.Name) });
        }

        if (fields.Count == 0)
        {
            throw Error(path + ".properties", "an object needs at least one property");
        }

        if (owner.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Error(path + ".additionalProperties", "only true or false is supported");
        }

        return fields;
    }

    private static HashSet<string> ReadRequired(JsonElement owner, string path, JsonElement properties)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (!owner.TryGetProperty("required", out var list))
        {
            return required;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Error(path + ".required", "\"required\" must be a list of property names");
        }

        foreach (var item in list.EnumerateArray())
        {
            string? name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (name is null || !properties.TryGetProperty(name, out _))
            {
                throw Error(path + ".required", $"{item.GetRawText()} is not one of the properties");
            }

            required.Add(name);
        }

        return required;
    }

    private SchemaField ReadField(string name, JsonElement element, string path, HintContext context)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "a property must be described by a JSON object");
        }

        CheckKeywords(element, PropertyKeywords, path);
        string type = ReadTypeName(element, path);
        var sources = ReadSources(element, path);
        string? description = OptionalString(element, "description", path);
        string? unit = OptionalString(element, "x-wenjin-unit", path);
        if (unit is not null && type is not ("number" or "integer"))
        {
            throw Error(path + ".x-wenjin-unit", "a unit is only allowed on a number or integer");
        }

        // The items of a "metrics" list, and the properties of such an item, take the metric.* hints.
        HintContext itemContext = sources.Any(s => s.Name == "metrics") ? HintContext.MetricItem : HintContext.Nested;
        HintContext propertyContext = context == HintContext.MetricItem ? HintContext.MetricItem : HintContext.Nested;
        string? facet = TaxonomyFacetOf(sources, path);
        SchemaField field = type switch
        {
            "string" => ReadStringField(name, element, path, facet),
            "number" => NoEnum(element, path, new SchemaField(name, FieldKind.Number) { Unit = unit }),
            "integer" => NoEnum(element, path, new SchemaField(name, FieldKind.Integer) { Unit = unit }),
            "object" => NoEnum(element, path, new SchemaField(name, FieldKind.Object) { Properties = ReadProperties(element, path, propertyContext) }),
            "array" => NoEnum(element, path, new SchemaField(name, FieldKind.List) { Items = ReadItems(name, element, path, itemContext, facet) }),
            _ => throw Error(path + ".type", $"the type \"{type}\" is not supported; use string, number, integer, array or object"),
        };

        if (type is not "string" && element.TryGetProperty("format", out _))
        {
            throw Error(path + ".format", "a format is only allowed on a string");
        }

        if (type is not ("object" or "array") && (element.TryGetProperty("properties", out _) || element.TryGetProperty("required", out _)))
        {
            throw Error(path, "\"properties\" and \"required\" belong to an object");
        }

        if (type is not "array" && element.TryGetProperty("items", out _))
        {
            throw Error(path + ".items", "\"items\" belongs to an array");
        }

        field = field with { Description = description, Sources = sources };
        CheckHints(field, path, context);
        return field;
    }

    private SchemaField ReadStringField(string name, JsonElement element, string path, string? facet)
    {
        string? format = OptionalString(element, "format", path);
        List<string>? values = null;
        if (element.TryGetProperty("enum", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0 || list.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                throw Error(path + ".enum", "an enum must be a non-empty list of strings");
            }

            values = [.. list.EnumerateArray().Select(v => v.GetString()!)];
            string? duplicate = values.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (duplicate is not null)
            {
                throw Error(path + ".enum", $"\"{duplicate}\" is listed twice");
            }
        }

        if (format is not null && (values is not null || facet is not null))
        {
            throw Error(path + ".format", "a string with a format cannot also be an enum");
        }

        switch (format)
        {
            case null:
                break;
            case "date":
                return new SchemaField(name, FieldKind.Date);
            case "uri":
                return new SchemaField(name, FieldKind.Url);
            default:
                throw Error(path + ".format", $"the format \"{format}\" is not supported; use date or uri");
        }

        if (facet is not null)
        {
            return TaxonomyEnum(name, values, facet, path);
        }

        return values is null ? new SchemaField(name, FieldKind.String) : new SchemaField(name, FieldKind.Enum) { EnumValues = values };
    }

    private SchemaField TaxonomyEnum(string name, List<string>? values, string facet, string path)
    {
        var categories = _taxonomy.Find(facet)!;
        if (values is null)
        {
            return new SchemaField(name, FieldKind.Enum) { EnumValues = [.. categories.Select(c => c.Name)], TaxonomyFacet = facet };
        }

        string? unknown = values.FirstOrDefault(v => categories.All(c => c.Name != v));
        if (unknown is not null)
        {
            throw Error(path + ".enum", $"\"{unknown}\" is not a category of the taxonomy facet \"{facet}\" ({string.Join("、", categories.Select(c => c.Name))})");
        }

        return new SchemaField(name, FieldKind.Enum) { EnumValues = values, TaxonomyFacet = facet };
    }

    private SchemaField ReadItems(string name, JsonElement element, string path, HintContext context, string? facet)
    {
        if (!element.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "an array needs \"items\" (an object describing each item)");
        }

        string itemsPath = path + ".items";
        if (ReadTypeName(items, itemsPath) == "array")
        {
            throw Error(itemsPath + ".type", "a list of lists is not supported");
        }

        var item = ReadField(name, items, itemsPath, context);
        if (facet is null)
        {
            return item;
        }

        if (item.Kind is not (FieldKind.String or FieldKind.Enum) || item.TaxonomyFacet is not null && item.TaxonomyFacet != facet)
        {
            throw Error(itemsPath, $"the items of a list filled from taxonomy:{facet} must be strings");
        }

        List<string>? values = item.Kind == FieldKind.Enum ? [.. item.EnumValues] : null;
        return TaxonomyEnum(name, values, facet, itemsPath) with { Description = item.Description, Sources = item.Sources };
    }

    private string? TaxonomyFacetOf(IReadOnlyList<SourceHint> sources, string path)
    {
        var hint = sources.FirstOrDefault(s => s.Name == "taxonomy");
        if (hint is null)
        {
            return null;
        }

        if (hint.Arguments.Count != 1 || _taxonomy.Find(hint.Arguments[0]) is null)
        {
            throw Error(path + ".x-wenjin-source", $"\"{hint}\" must name one taxonomy facet: {string.Join(", ", _taxonomy.FacetNames.Select(f => "taxonomy:" + f))}");
        }

        return hint.Arguments[0];
    }

    private static void CheckHints(SchemaField field, string path, HintContext context)
    {
        string shape = SourceHintVocabulary.ShapeOf(field);
        foreach (var hint in field.Sources)
        {
            var definition = SourceHintVocabulary.Find(hint.Name)
                ?? throw Error(path + ".x-wenjin-source", $"\"{hint.Name}\" is not a source hint; known: {string.Join(", ", SourceHintVocabulary.All.Select(d => d.Name))}");
            if (hint.Arguments.Count == 0 && definition.ArgumentsRequired)
            {
                throw Error(path + ".x-wenjin-source", $"\"{hint.Name}\" needs arguments, e.g. \"{hint.Name}:A|B\"");
            }

            if (hint.Arguments.Count > 0 && !definition.ArgumentsAllowed)
            {
                throw Error(path + ".x-wenjin-source", $"\"{hint.Name}\" takes no arguments");
            }

            if (!definition.Shapes.Contains(shape))
            {
                throw Error(path + ".x-wenjin-source", $"\"{hint.Name}\" fills a {string.Join(" or ", definition.Shapes)} field, not a {shape}");
            }

            if (hint.Name.StartsWith("metric.", StringComparison.Ordinal) != (context == HintContext.MetricItem))
            {
                throw Error(path + ".x-wenjin-source", hint.Name.StartsWith("metric.", StringComparison.Ordinal)
                    ? $"\"{hint.Name}\" is only allowed on a property of the items of a \"metrics\" list"
                    : $"the properties of a \"metrics\" list's items take metric.name, metric.value or metric.unit, not \"{hint.Name}\"");
            }
        }
    }

    private static List<SourceHint> ReadSources(JsonElement element, string path)
    {
        if (!element.TryGetProperty("x-wenjin-source", out var value))
        {
            return [];
        }

        IEnumerable<JsonElement> entries = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
        var hints = new List<SourceHint>();
        foreach (var entry in entries)
        {
            if (entry.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.GetString()))
            {
                throw Error(path + ".x-wenjin-source", "a source hint is a non-empty string, or a list of them");
            }

            hints.Add(SourceHint.Parse(entry.GetString()!));
        }

        return hints;
    }

    private static string ReadTypeName(JsonElement element, string path)
    {
        if (!element.TryGetProperty("type", out var type))
        {
            throw Error(path, "\"type\" is missing");
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString()!;
        }

        // ["string", "null"]: a nullable field. Every field may be absent from a record, so null adds nothing.
        if (type.ValueKind == JsonValueKind.Array && type.GetArrayLength() == 2 && type.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String))
        {
            string[] names = [.. type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null")];
            if (names.Length == 1)
            {
                return names[0];
            }
        }

        throw Error(path + ".type", "\"type\" must be one type name, or a type name and \"null\"");
    }

    private static string? OptionalString(JsonElement element, string keyword, string path)
    {
        if (!element.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error($"{path}.{keyword}", $"\"{keyword}\" must be a string");
    }

    private static void CheckKeywords(JsonElement element, HashSet<string> allowed, string path)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                throw Error($"{path}.{property.Name}", $"the keyword \"{property.Name}\" is not supported here; supported: {string.Join(", ", allowed)}");
            }
        }
    }

    private static SchemaField NoEnum(JsonElement element, string path, SchemaField field) =>
        element.TryGetProperty("enum", out _) ? throw Error(path + ".enum", "an enum is only supported on a string") : field;

    private static WenjinException Error(string path, string message) => WenjinException.Invalid($"{path}: {message}.");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    private enum HintContext
    {
        TopLevel,
        Nested,
        MetricItem,
    }
}
