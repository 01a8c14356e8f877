using System.Text.Json;

namespace Wenjin.Bench.Extraction;

/// <summary>Reads expected.jsonl: one <c>{"file", "schema", "fields"}</c> object a line; a bad line fails with its number.</summary>
internal static class ExpectedRecordReader
{
    public static IReadOnlyList<ExpectedRecord> Read(string path)
    {
        var records = new List<ExpectedRecord>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                records.Add(ParseLine(line));
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not an expected record ({exception.Message})", exception);
            }
        }

        return records;
    }

    /// <summary>One expected record from its JSON line.</summary>
    public static ExpectedRecord ParseLine(string line)
    {
        using JsonDocument document = JsonDocument.Parse(line);
        JsonElement root = document.RootElement;
        string file = root.GetProperty("file").GetString() ?? throw new InvalidOperationException("\"file\" is null");
        string schema = root.GetProperty("schema").GetString() ?? throw new InvalidOperationException("\"schema\" is null");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty field in root.GetProperty("fields").EnumerateObject())
        {
            fields[field.Name] = field.Value.Clone();
        }

        return new ExpectedRecord(file, schema, fields);
    }
}
