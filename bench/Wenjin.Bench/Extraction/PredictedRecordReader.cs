using System.Text.Json;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// Reads extracted records, one JSON object a line, in the shape of CONTRACTS.md ("Extraction"). Only that shape is
/// relied on: <c>schema</c> and <c>sourceId</c> are required; <c>fields</c>, <c>dropped</c> and <c>missing</c> may be
/// absent; unknown properties are ignored. A line that is not such an object fails with its origin and number.
/// </summary>
internal static class PredictedRecordReader
{
    public static IReadOnlyList<PredictedRecord> ReadFile(string path) => ReadLines(File.ReadLines(path), path);

    public static IReadOnlyList<PredictedRecord> ReadLines(IEnumerable<string> lines, string origin)
    {
        var records = new List<PredictedRecord>();
        int lineNumber = 0;
        foreach (string line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string where = $"{origin}:{lineNumber}";
            try
            {
                records.Add(Parse(line, where));
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                string shown = line.Length > 120 ? line[..120] + "…" : line;
                throw new InvalidDataException($"{where}: not an extracted record ({exception.Message}): {shown}", exception);
            }
        }

        return records;
    }

    private static PredictedRecord Parse(string line, string origin)
    {
        using JsonDocument document = JsonDocument.Parse(line);
        JsonElement root = document.RootElement;
        string schema = root.GetProperty("schema").GetString() ?? throw new InvalidOperationException("\"schema\" is null");
        string sourceId = root.GetProperty("sourceId").GetString() ?? throw new InvalidOperationException("\"sourceId\" is null");
        string docId = root.TryGetProperty("docId", out JsonElement id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : "";

        var fields = new Dictionary<string, PredictedField>(StringComparer.Ordinal);
        if (root.TryGetProperty("fields", out JsonElement fieldsElement) && fieldsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty field in fieldsElement.EnumerateObject())
            {
                fields[field.Name] = ReadField(field.Value);
            }
        }

        var dropped = new List<DroppedEntry>();
        if (root.TryGetProperty("dropped", out JsonElement droppedElement) && droppedElement.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement entry in droppedElement.EnumerateArray())
            {
                dropped.Add(new DroppedEntry(StringProperty(entry, "field"), StringProperty(entry, "reason")));
            }
        }

        var missing = new List<string>();
        if (root.TryGetProperty("missing", out JsonElement missingElement) && missingElement.ValueKind == JsonValueKind.Array)
        {
            missing.AddRange(missingElement.EnumerateArray().Where(name => name.ValueKind == JsonValueKind.String).Select(name => name.GetString()!));
        }

        return new PredictedRecord(schema, docId, sourceId, fields, dropped, missing, origin);
    }

    private static PredictedField ReadField(JsonElement field)
    {
        if (field.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidOperationException("a field is not an object with \"value\" and \"evidence\"");
        }

        JsonElement value = field.TryGetProperty("value", out JsonElement v) ? v.Clone() : default;
        var quotes = new List<string>();
        if (field.TryGetProperty("evidence", out JsonElement evidence) && evidence.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in evidence.EnumerateArray())
            {
                quotes.Add(item.ValueKind == JsonValueKind.Object && item.TryGetProperty("quote", out JsonElement quote) && quote.ValueKind == JsonValueKind.String
                    ? quote.GetString()!
                    : "");
            }
        }

        return new PredictedField(value, quotes);
    }

    private static string StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
}
