using System.Text.Json;
using System.Text.Json.Nodes;
using Wenjin.Errors;
using Wenjin.Hosting.Json;

namespace Wenjin.Cli.Commands;

/// <summary>
/// --batch FILE: JSON lines {"id", "question"} ("text" or "query" accepted for "question"); output is one JSON line per
/// input line, the single-call shape with "id" added, in input order.
/// </summary>
internal static class BatchFile
{
    public static IReadOnlyList<BatchQuestion> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw WenjinException.Invalid($"Batch file '{path}' does not exist.");
        }

        var result = new List<BatchQuestion>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonObject? obj;
            try
            {
                obj = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException e)
            {
                throw WenjinException.Invalid($"{path}:{lineNumber}: not a JSON object ({e.Message}).");
            }

            string? text = Text(obj, "question") ?? Text(obj, "text") ?? Text(obj, "query");
            if (obj is null || string.IsNullOrWhiteSpace(text))
            {
                throw WenjinException.Invalid($"{path}:{lineNumber}: expected {{\"id\": \"…\", \"question\": \"…\"}} (\"text\" or \"query\" also accepted).");
            }

            string id = obj["id"] is JsonValue v ? v.ToString() : string.Empty;
            result.Add(new BatchQuestion(id, text));
        }

        return result;
    }

    /// <summary>Answers every line of the batch file with <paramref name="call"/>, writing one JSON line each, in order.</summary>
    public static async Task<int> RunAsync<T>(string path, bool asJson, Func<string, Task<T>> call)
    {
        if (!asJson)
        {
            throw WenjinException.Invalid("--batch writes JSON lines: add --json.");
        }

        foreach (var item in Read(path))
        {
            WriteLine(item.Id, await call(item.Text));
        }

        return 0;
    }

    /// <summary>Writes <paramref name="value"/>'s contract shape with "id" first.</summary>
    public static void WriteLine<T>(string id, T value)
    {
        var shape = JsonSerializer.SerializeToNode(value, WenjinJson.Options)!.AsObject();
        var line = new JsonObject { ["id"] = id };
        foreach (var (key, node) in shape.ToList())
        {
            shape.Remove(key);
            line[key] = node;
        }

        CliContext.Out.WriteLine(line.ToJsonString(WenjinJson.Options));
    }

    private static string? Text(JsonObject? obj, string name) => obj?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
