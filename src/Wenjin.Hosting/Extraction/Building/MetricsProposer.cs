using System.Text.Json.Nodes;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The metrics hint: the result metrics of the text (<see cref="MetricExtractor"/>) as objects whose properties are
/// filled by their metric.name (the metric phrase), metric.value (the number stated; the level reached for 由A降至B) and
/// metric.unit (as written) hints. Investment, budget and funding amounts are background, not results, and are left
/// out; a metric stated twice is proposed once.
/// </summary>
internal static class MetricsProposer
{
    private static readonly string[] NotResults = ["投资", "预算", "融资", "资金", "合同", "注册资本", "中标", "报价", "总额", "招标"];

    public static JsonNode? Propose(SchemaField field, DocumentReading reading)
    {
        if (field.Kind != FieldKind.List || field.Items is not { Kind: FieldKind.Object } item)
        {
            return null;
        }

        var objects = new JsonArray();
        var seen = new HashSet<(string, double, string)>();
        foreach (var metric in reading.Metrics)
        {
            if (NotResults.Any(w => metric.Metric.Contains(w, StringComparison.Ordinal)) || !seen.Add((metric.Metric, metric.Value, metric.Unit)))
            {
                continue;
            }

            var obj = new JsonObject();
            foreach (var property in item.Properties)
            {
                string? hint = property.Sources.Select(s => s.Name).FirstOrDefault(n => n.StartsWith("metric.", StringComparison.Ordinal));
                JsonNode? value = hint switch
                {
                    "metric.name" => JsonValue.Create(metric.Metric),
                    "metric.value" => JsonValue.Create((decimal)metric.Value),
                    "metric.unit" when metric.Unit.Length > 0 => JsonValue.Create(metric.Unit),
                    _ => null,
                };
                if (value is not null)
                {
                    obj[property.Name] = value;
                }
            }

            if (obj.Count > 0)
            {
                objects.Add(obj);
            }
        }

        return objects.Count == 0 ? null : objects;
    }
}
