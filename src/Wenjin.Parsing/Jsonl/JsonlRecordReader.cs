using System.Text;
using System.Text.Json;
using Wenjin.Documents;
using Wenjin.Parsing.Encodings;

namespace Wenjin.Parsing.Jsonl;

/// <summary>
/// Reads a JSONL container: one JSON object per line with "id" (or "_id"; string or number) and "text" required,
/// "title" and "url" optional. Each good line becomes a DocumentSource (FileName "&lt;id&gt;.txt", SourceId the id,
/// Content the UTF-8 text); a bad line (invalid JSON, missing id or text, duplicate id) becomes an entry with an
/// error, so one bad record never fails the whole file. Blank lines are skipped. Thread-safe.
/// </summary>
public sealed class JsonlRecordReader
{
    public static JsonlRecordReader Instance { get; } = new();

    public IEnumerable<JsonlEntry> Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        string text = TextDecoder.Decode(content).Text;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            yield return ReadLine(line, lineNumber, seen);
        }
    }

    private static JsonlEntry ReadLine(string line, int lineNumber, HashSet<string> seen)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            return new JsonlEntry(lineNumber) { Error = $"line {lineNumber} is not valid JSON ({ex.Message})" };
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new JsonlEntry(lineNumber) { Error = $"line {lineNumber} is not a JSON object" };
            }

            JsonElement root = json.RootElement;
            string? id = ReadId(root, "id") ?? ReadId(root, "_id");
            if (string.IsNullOrWhiteSpace(id))
            {
                return new JsonlEntry(lineNumber) { Error = $"line {lineNumber} has no \"id\" (or \"_id\"); give every record a unique id" };
            }

            string? body = ReadString(root, "text");
            if (string.IsNullOrWhiteSpace(body))
            {
                return new JsonlEntry(lineNumber) { RecordId = id, Error = $"record \"{id}\" (line {lineNumber}) has no \"text\"" };
            }

            if (!seen.Add(id))
            {
                return new JsonlEntry(lineNumber) { RecordId = id, Error = $"record \"{id}\" (line {lineNumber}) repeats an id used earlier in the file" };
            }

            return new JsonlEntry(lineNumber)
            {
                RecordId = id,
                Source = new DocumentSource(id, id + ".txt", Encoding.UTF8.GetBytes(body))
                {
                    Title = NullIfBlank(ReadString(root, "title")),
                    Url = NullIfBlank(ReadString(root, "url")),
                },
            };
        }
    }

    private static string? ReadId(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()?.Trim(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
