using System.Text.Json;
using System.Text.Json.Nodes;
using Wenjin.Extraction;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// Extracts a record of a schema from a document without a model. Each field's <c>x-wenjin-source</c> hints
/// (<see cref="SourceHintVocabulary"/>) are tried in order; a hint yields when it proposes a value that the document
/// backs (<see cref="RecordValidator"/> keeps it), and the first that yields fills the field. When no hint yields a
/// backed value, the first value proposed at all stays in the candidate, so the record's
/// <see cref="ExtractedRecord.Dropped"/> says why it was refused. The candidate is then validated as a whole, so every
/// kept value carries verbatim evidence. Fields with the province hint are proposed last: they read the main
/// organisation, the first value of a field with an organisation hint. Built once and reused; thread-safe (every call
/// reads its document in its own <see cref="DocumentReading"/>).
/// </summary>
public sealed class RuleRecordExtractor
{
    private readonly RecordValidator _validator;
    private readonly TaxonomyMatcher _matcher;

    public RuleRecordExtractor(ExtractionTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        _validator = new RecordValidator(taxonomy);
        _matcher = new TaxonomyMatcher(taxonomy.Taxonomy);
    }

    /// <summary>
    /// Proposes a candidate per field by trying the field's x-wenjin-source hints in order (first that yields wins),
    /// then validates it with <see cref="RecordValidator"/> against the document, so every kept value has verbatim evidence.
    /// </summary>
    public ExtractedRecord Extract(ExtractionSchema schema, SourceDocument document, KeywordStatistics? statistics = null)
    {
        var candidate = Propose(schema, document, statistics);
        return _validator.Validate(schema, candidate, document);
    }

    /// <summary>The candidate before validation (field name → JSON value, in schema order), for tests and for explaining results.</summary>
    public IReadOnlyDictionary<string, JsonElement> Propose(ExtractionSchema schema, SourceDocument document, KeywordStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        var reading = new DocumentReading(document, statistics);
        var proposed = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var field in schema.Fields.Where(f => !HasHint(f, "province")).Concat(schema.Fields.Where(f => HasHint(f, "province"))))
        {
            if (ProposeField(schema, field, reading) is { } value)
            {
                proposed[field.Name] = value;
            }
        }

        var candidate = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in schema.Fields)
        {
            if (proposed.TryGetValue(field.Name, out var value))
            {
                candidate[field.Name] = JsonSerializer.SerializeToElement(value);
            }
        }

        return candidate;
    }

    private JsonNode? ProposeField(ExtractionSchema schema, SchemaField field, DocumentReading reading)
    {
        JsonNode? firstProposed = null;
        for (int i = 0; i < field.Sources.Count; i++)
        {
            JsonNode? value = ProposeHint(field, field.Sources[i], i, reading);
            if (value is null || value is JsonArray { Count: 0 })
            {
                continue;
            }

            if (IsBacked(schema, field, value, reading.Document))
            {
                firstProposed = value;
                break;
            }

            firstProposed ??= value;
        }

        if (firstProposed is JsonValue name && name.TryGetValue(out string? organisation) && HasHint(field, "organisation"))
        {
            reading.MainOrganisation ??= organisation;
        }

        return firstProposed;
    }

    private JsonNode? ProposeHint(SchemaField field, SourceHint hint, int position, DocumentReading reading) => hint.Name switch
    {
        "title" => TitleProposer.Propose(reading, asName: position > 0),
        "link" => LinkProposer.Propose(reading),
        "summary" => SentenceProposer.ProposeSummary(reading),
        "sentence-with" => SentenceProposer.ProposeSentenceWith(hint, reading),
        "keywords" => KeywordProposer.Propose(reading),
        "taxonomy" => CategoryProposer.Propose(field, hint, reading, _matcher),
        "label" => ProposeLabel(field, hint, reading),
        "list-after" => ListProposer.Propose(field, hint, reading),
        "organisation" => OrganisationProposer.Propose(hint, reading),
        "money" => AmountProposer.ProposeMoney(field, hint, reading),
        "number" => AmountProposer.ProposeNumber(field, hint, reading),
        "date" => DateProposer.Propose(hint, reading),
        "province" => ProvinceProposer.Propose(reading),
        "metrics" => MetricsProposer.Propose(field, reading),
        _ => null,
    };

    /// <summary>The label hint: the value after the first label (in the order given) whose value reads as the field's kind.</summary>
    private static JsonNode? ProposeLabel(SchemaField field, SourceHint hint, DocumentReading reading)
    {
        foreach (string label in hint.Arguments)
        {
            if (reading.Labels.FindValue([label]) is { } value
                && FieldValueReader.Read(field, reading.Clean(value.Start, value.End), value.Unit) is { } node)
            {
                return node;
            }
        }

        return null;
    }

    /// <summary>Whether the validator keeps <paramref name="value"/> for <paramref name="field"/> (for a list: some item of it).</summary>
    private bool IsBacked(ExtractionSchema schema, SchemaField field, JsonNode value, SourceDocument document)
    {
        var probe = new ExtractionSchema(schema.Name, schema.Title, null, [field with { Required = false }]);
        var candidate = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { [field.Name] = JsonSerializer.SerializeToElement(value) };
        return _validator.Validate(probe, candidate, document).Fields.ContainsKey(field.Name);
    }

    private static bool HasHint(SchemaField field, string name) => field.Sources.Any(s => s.Name == name);
}
