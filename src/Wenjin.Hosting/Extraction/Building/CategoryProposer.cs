using System.Text.Json.Nodes;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The taxonomy hint: the categories of the facet that the document is about, by the hits of their terms
/// (<see cref="TaxonomyMatcher"/>). The best category always counts; another only with at least
/// <see cref="MinSecondaryHits"/> hits and <see cref="MinShareOfBest"/> of the best one's, so that a passing mention is
/// not a topic; at most <see cref="MaxCategories"/>. A single-valued field takes the best. Only the field's enum values
/// are proposed.
/// </summary>
internal static class CategoryProposer
{
    public const int MaxCategories = 3;
    public const int MinSecondaryHits = 2;
    public const double MinShareOfBest = 0.34;

    public static JsonNode? Propose(SchemaField field, SourceHint hint, DocumentReading reading, TaxonomyMatcher matcher)
    {
        if (hint.Arguments.Count != 1)
        {
            return null;
        }

        SchemaField values = field.Kind == FieldKind.List && field.Items is not null ? field.Items : field;
        var allowed = values.EnumValues.Count > 0 ? new HashSet<string>(values.EnumValues, StringComparer.Ordinal) : null;
        var matches = matcher.Match(reading.Text, hint.Arguments[0])
            .Where(m => allowed is null || allowed.Contains(m.Category))
            .ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        int best = matches[0].Hits;
        var chosen = matches
            .Where((m, i) => i == 0 || (m.Hits >= MinSecondaryHits && m.Hits >= best * MinShareOfBest))
            .Take(field.Kind == FieldKind.List ? MaxCategories : 1)
            .Select(m => m.Category)
            .ToList();
        return field.Kind == FieldKind.List
            ? new JsonArray([.. chosen.Select(c => (JsonNode)JsonValue.Create(c))])
            : JsonValue.Create(chosen[0]);
    }
}
