using System.Text.Json;

namespace Wenjin.Bench.Extraction;

/// <summary>The items of a list-valued prediction: an array's elements, or a single value as a list of one.</summary>
internal static class PredictedItems
{
    public static IReadOnlyList<JsonElement> Of(PredictedField? predicted)
    {
        if (predicted is null || !predicted.HasValue)
        {
            return [];
        }

        return predicted.Value.ValueKind == JsonValueKind.Array ? [.. predicted.Value.EnumerateArray()] : [predicted.Value];
    }

    /// <summary>Each item as text; an item that is not a string becomes null (it is still a prediction, one that cannot match).</summary>
    public static IReadOnlyList<string?> Strings(PredictedField? predicted) =>
        [.. Of(predicted).Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() : null)];
}
