using System.Text.Json;

namespace Wenjin.Bench.Extraction;

/// <summary>A field of an extracted record: its value as JSON and the quotes of its evidence.</summary>
internal sealed record PredictedField(JsonElement Value, IReadOnlyList<string> Quotes)
{
    /// <summary>False for null, an empty string and an empty list: nothing was predicted.</summary>
    public bool HasValue => Value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => false,
        JsonValueKind.String => !string.IsNullOrWhiteSpace(Value.GetString()),
        JsonValueKind.Array => Value.GetArrayLength() > 0,
        _ => true,
    };
}
