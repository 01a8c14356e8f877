using System.Text.Json;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// One line of expected.jsonl: the document (<c>&lt;schema&gt;/&lt;name&gt;</c>), its schema, and the gold fields with their
/// scoring aids (<c>_alt</c>, <c>_optional</c>, <c>_support</c>, <c>_text</c>) as JSON.
/// </summary>
internal sealed record ExpectedRecord(string File, string Schema, IReadOnlyDictionary<string, JsonElement> Fields)
{
    /// <summary>The document's file name, e.g. "nb01.txt".</summary>
    public string FileName => File[(File.LastIndexOf('/') + 1)..];

    /// <summary>The gold value of a field or scoring aid; JSON null when absent.</summary>
    public JsonElement Field(string name) => Fields.TryGetValue(name, out JsonElement value) ? value : default;

    /// <summary>The strings of a list-valued field or aid (empty when absent); a single string is a list of one.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        JsonElement value = Field(name);
        return value.ValueKind switch
        {
            JsonValueKind.Array => [.. value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)],
            JsonValueKind.String => [value.GetString()!],
            _ => [],
        };
    }
}
