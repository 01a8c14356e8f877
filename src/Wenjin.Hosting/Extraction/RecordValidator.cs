using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wenjin.Errors;
using Wenjin.Extraction;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Checks a candidate record (e.g. a model's structured output) against its schema and against the document, and keeps
/// only what the document backs, each kept value with its evidence:
/// <list type="bullet">
/// <item>Types are coerced where the intent is plain — a number given as text ("123.45万元" is 1234500 for a field in
/// 元), a date in any written form (2024年5月20日 → "2024-05-20"), one item for a list — and otherwise rejected with
/// reason "type".</item>
/// <item>Text (and each list item) must occur in the document after folding both sides (<see cref="FoldedText"/>:
/// white space and line breaks ignored, full-width = half-width); numbers must be written in the document in some form
/// (1234500 ↔ "123.45万元", "1,234,500.00元", "壹佰贰拾叁万肆仟伍佰元"); dates likewise (2024-05-20 ↔ "2024年5月20日");
/// otherwise "not-in-document".</item>
/// <item>Enums must hold one of their values ("not-in-enum"); a taxonomy category is evidenced by the first occurrence of
/// its name or one of its terms, a plain enum value by its own occurrence.</item>
/// <item>An amount in 元 may be written as a bare number under a 万元 / 亿元 column header or label shortly before it.</item>
/// <item>A province field's full name (浙江省) is evidenced by any of its names or by one of its large cities (杭州).</item>
/// <item>Free text (summaries) is kept when every sentence is supported (<see cref="SentenceSupport"/>: character-bigram
/// containment ≥ 0.6 in one or two document sentences, numbers included), with the supporting sentences as evidence;
/// otherwise "unsupported-summary".</item>
/// <item>An object (a metric) is kept whole or not at all: a failing property drops the object with that property's
/// reason, a missing required property with "missing-property". Properties the schema does not define are ignored.
/// List items are checked one by one; duplicates are kept once.</item>
/// </list>
/// Null, empty text and empty lists count as absent. Required fields without a kept value are listed in
/// <see cref="ExtractedRecord.Missing"/>; fields the schema does not define are dropped with "not-in-schema".
/// Thread-safe.
/// </summary>
public sealed class RecordValidator
{
    private static readonly JsonSerializerOptions ValueOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ExtractionTaxonomy _taxonomy;

    public RecordValidator(ExtractionTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _taxonomy = taxonomy;
    }

    /// <summary>Validates a candidate given as one JSON object of field name → value.</summary>
    public ExtractedRecord Validate(ExtractionSchema schema, JsonElement candidate, SourceDocument document)
    {
        if (candidate.ValueKind != JsonValueKind.Object)
        {
            throw WenjinException.Invalid($"A candidate record must be a JSON object, not {candidate.ValueKind}.");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in candidate.EnumerateObject())
        {
            fields[property.Name] = property.Value;
        }

        return Validate(schema, fields, document);
    }

    /// <summary>Validates a candidate given as field name → value.</summary>
    public ExtractedRecord Validate(ExtractionSchema schema, IReadOnlyDictionary<string, JsonElement> candidate, SourceDocument document)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(document);
        var evidence = new DocumentEvidence(document);
        var fields = new OrderedDictionary<string, FieldValue>(StringComparer.Ordinal);
        var dropped = new List<DroppedValue>();
        var missing = new List<string>();
        foreach (var field in schema.Fields)
        {
            KeptValue? kept = candidate.TryGetValue(field.Name, out var value) ? Check(field, value, field.Name, evidence, dropped) : null;
            if (kept is not null)
            {
                fields[field.Name] = new FieldValue(ToElement(kept.Value), [.. kept.Evidence.DistinctBy(e => (e.Start, e.End))]);
            }
            else if (field.Required)
            {
                missing.Add(field.Name);
            }
        }

        foreach (var (name, value) in candidate)
        {
            if (schema.Find(name) is null)
            {
                dropped.Add(new DroppedValue(name, TextOf(value), DropReasons.NotInSchema, $"the schema '{schema.Name}' has no field \"{name}\""));
            }
        }

        return new ExtractedRecord(schema.Name, document.DocId, document.SourceId, fields, dropped, missing);
    }

    private KeptValue? Check(SchemaField field, JsonElement candidate, string path, DocumentEvidence document, List<DroppedValue> dropped)
    {
        if (candidate.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
            || (candidate.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(candidate.GetString())))
        {
            return null;
        }

        return field.Kind switch
        {
            FieldKind.List => CheckList(field, candidate, path, document, dropped),
            FieldKind.Object => CheckObject(field, candidate, path, document, dropped),
            FieldKind.Number or FieldKind.Integer => CheckNumber(field, candidate, path, document, dropped),
            FieldKind.Date => CheckDate(candidate, path, document, dropped),
            FieldKind.Url => CheckUrl(candidate, path, document, dropped),
            FieldKind.Enum => CheckEnum(field, candidate, path, document, dropped),
            _ => CheckText(field, candidate, path, document, dropped),
        };
    }

    private KeptValue? CheckList(SchemaField field, JsonElement candidate, string path, DocumentEvidence document, List<DroppedValue> dropped)
    {
        IEnumerable<JsonElement> items = candidate.ValueKind == JsonValueKind.Array ? candidate.EnumerateArray() : [candidate];
        var values = new JsonArray();
        var evidence = new List<Evidence>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var item in items)
        {
            var kept = Check(field.Items!, item, $"{path}[{index++}]", document, dropped);
            if (kept is not null && seen.Add(kept.Value.ToJsonString()))
            {
                values.Add(kept.Value);
                evidence.AddRange(kept.Evidence);
            }
        }

        return values.Count == 0 ? null : new KeptValue(values, evidence);
    }

    private KeptValue? CheckObject(SchemaField field, JsonElement candidate, string path, DocumentEvidence document, List<DroppedValue> dropped)
    {
        if (candidate.ValueKind != JsonValueKind.Object)
        {
            return Drop(dropped, path, candidate, DropReasons.Type, $"expected an object with {string.Join(", ", field.Properties.Select(p => p.Name))}");
        }

        var properties = new JsonObject();
        var evidence = new List<Evidence>();
        var failures = new List<DroppedValue>();
        string? missingProperty = null;
        foreach (var property in field.Properties)
        {
            KeptValue? kept = candidate.TryGetProperty(property.Name, out var value) ? Check(property, value, $"{path}.{property.Name}", document, failures) : null;
            if (kept is not null)
            {
                properties[property.Name] = kept.Value;
                evidence.AddRange(kept.Evidence);
            }
            else if (property.Required)
            {
                missingProperty ??= property.Name;
            }
        }

        if (failures.Count > 0)
        {
            var first = failures[0];
            return Drop(dropped, path, candidate, first.Reason, $"{first.Field}: {first.Detail}");
        }

        if (missingProperty is not null)
        {
            return Drop(dropped, path, candidate, DropReasons.MissingProperty, $"the required property \"{missingProperty}\" has no value");
        }

        return properties.Count == 0 ? null : new KeptValue(properties, evidence);
    }

    private static KeptValue? CheckNumber(SchemaField field, JsonElement candidate, string path, DocumentEvidence document, List<DroppedValue> dropped)
    {
        decimal? number = null;
        if (candidate.ValueKind == JsonValueKind.Number && candidate.TryGetDecimal(out decimal given))
        {
            number = given;
        }
        else if (candidate.ValueKind == JsonValueKind.String)
        {
            var mention = NumberMentionFinder.Find(FoldedText.Fold(candidate.GetString()!)).FirstOrDefault();
            number = mention is null ? null : field.Unit == "元" && mention.Scaled is decimal scaled ? scaled : mention.Written;
        }

        if (number is not decimal value || (field.Kind == FieldKind.Integer && value != decimal.Truncate(value)))
        {
            return Drop(dropped, path, candidate, DropReasons.Type, field.Kind == FieldKind.Integer ? "expected a whole number" : "expected a number");
        }

        value /= 1.000000000000000000000000000000000m;
        var evidence = document.FindNumber(value) ?? FindInScaledUnit(field, value, document);
        return evidence is null
            ? Drop(dropped, path, candidate, DropReasons.NotInDocument, $"the document writes {value.ToString(CultureInfo.InvariantCulture)}{field.Unit} in no form")
            : new KeptValue(JsonValue.Create(value), [evidence]);
    }

    // An amount in 元 whose unit is written once for a column or a label (中标金额（万元） … 386.5): the bare number counts
    // when 万元 / 亿元 stands shortly before it. Close enough to be the cell's header, not the budget's unit elsewhere.
    private static Evidence? FindInScaledUnit(SchemaField field, decimal value, DocumentEvidence document)
    {
        const int Reach = 200;
        if (field.Unit != "元")
        {
            return null;
        }

        return document.FindNumberUnderUnit(value / 10_000m, "万元", Reach) ?? document.FindNumberUnderUnit(value / 100_000_000m, "亿元", Reach);
    }

    private static KeptValue? CheckDate(JsonElement candidate, string path, DocumentEvidence document, List<DroppedValue> dropped)
    {
        DateOnly? date = null;
        if (candidate.ValueKind == JsonValueKind.String)
        {
            string text = candidate.GetString()!.Trim();
            date = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)
                ? iso
                : DateMentionFinder.First(FoldedText.Create(text));
        }

        if (date is not DateOnly value)
        {
            return Drop(dropped, path, candidate, DropReasons.Type, "expected a date such as 2024-05-20");
        }

        string written = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var evidence = document.FindDate(value);
        return evidence is null
            ? Drop(dropped, path, candidate, DropReasons.NotInDocument, $"the document writes {written} in no form")
            : new KeptValue(JsonValue.Create(written), [evidence]);
    }

    private static KeptValue? CheckUrl(JsonElement candidate, string path, DocumentEvidence document, List<DroppedValue> dropped)
    {
        string? text = candidate.ValueKind == JsonValueKind.String ? candidate.GetString()!.Trim() : null;
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return Drop(dropped, path, candidate, DropReasons.Type, "expected an absolute http(s) URL");
        }

        var evidence = document.FindText(text) ?? document.FindText(text.TrimEnd('/'));
        return evidence is null
            ? Drop(dropped, path, candidate, DropReasons.NotInDocument, "the URL does not occur in the document")
            : new KeptValue(JsonValue.Create(text), [evidence]);
    }

    private KeptValue? CheckEnum(SchemaField field, JsonElement candidate, string path, DocumentEvidence document, List<DroppedValue> dropped)
    {
        if (candidate.ValueKind != JsonValueKind.String)
        {
            return Drop(dropped, path, candidate, DropReasons.Type, "expected one of the enum values as text");
        }

        string folded = FoldedText.Fold(candidate.GetString()!);
        string? value = field.EnumValues.FirstOrDefault(v => FoldedText.Fold(v) == folded);
        if (value is null)
        {
            return Drop(dropped, path, candidate, DropReasons.NotInEnum, $"allowed: {string.Join("、", field.EnumValues)}");
        }

        var category = field.TaxonomyFacet is null ? null : _taxonomy.FindCategory(field.TaxonomyFacet, value);
        var evidence = category is null ? document.FindText(value) : document.FindAnyText([category.Name, .. category.Terms]);
        return evidence is null
            ? Drop(dropped, path, candidate, DropReasons.NotInDocument, category is null ? $"\"{value}\" does not occur in the document" : $"no term of the category \"{value}\" occurs in the document")
            : new KeptValue(JsonValue.Create(value), [evidence]);
    }

    private static KeptValue? CheckText(SchemaField field, JsonElement candidate, string path, DocumentEvidence document, List<DroppedValue> dropped)
    {
        if (candidate.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return Drop(dropped, path, candidate, DropReasons.Type, "expected text");
        }

        string text = candidate.ValueKind == JsonValueKind.String ? candidate.GetString()!.Trim() : candidate.GetRawText();
        if (field.IsFreeText)
        {
            var (supported, sentences, unsupported) = document.FindSupport(text);
            return supported
                ? new KeptValue(JsonValue.Create(text), sentences)
                : Drop(dropped, path, candidate, DropReasons.UnsupportedSummary, $"no document sentence supports \"{unsupported}\"");
        }

        var evidence = document.FindText(text);
        if (evidence is not null)
        {
            return new KeptValue(JsonValue.Create(text), [evidence]);
        }

        // A province is named in many ways (浙江省, 浙江, or a city of it such as 杭州): any of them is evidence.
        if (field.Sources.Any(s => s.Name == "province") && document.FindProvince(text) is { } province)
        {
            return new KeptValue(JsonValue.Create(text), [province]);
        }

        // A rate unit is often written around its number ("每小时 32 自然箱" is 自然箱/小时): each part must occur.
        if (field.Sources.Any(s => s.Name == "metric.unit") && text.Contains('/', StringComparison.Ordinal))
        {
            var parts = text.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(document.FindText).ToList();
            if (parts.Count > 1 && parts.All(p => p is not null))
            {
                return new KeptValue(JsonValue.Create(text), [.. parts.OrderBy(p => p!.Start).Select(p => p!)]);
            }
        }

        return Drop(dropped, path, candidate, DropReasons.NotInDocument, $"\"{text}\" does not occur in the document");
    }

    private static KeptValue? Drop(List<DroppedValue> dropped, string path, JsonElement candidate, string reason, string detail)
    {
        dropped.Add(new DroppedValue(path, TextOf(candidate), reason, detail));
        return null;
    }

    // Lists and objects as compact JSON with Chinese unescaped, so a report shows what the candidate said.
    private static string TextOf(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : JsonSerializer.Serialize(value, ValueOptions);

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString(ValueOptions));
        return document.RootElement.Clone();
    }
}
