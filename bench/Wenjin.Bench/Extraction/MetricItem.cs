using System.Globalization;
using System.Text.Json;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// One 成果指标 entry, <c>{"指标", "数值", "单位"}</c>: the name and unit normalised, the value as a number (a numeric
/// string such as "1,850" is read too; anything else leaves it null, so the entry cannot match).
/// </summary>
internal sealed record MetricItem(string Name, double? Value, string Unit)
{
    private static readonly Dictionary<string, (string Base, double Factor)> Conversions = new(StringComparer.Ordinal)
    {
        ["元"] = ("元", 1),
        ["万元"] = ("元", 1e4),
        ["亿元"] = ("元", 1e8),
        ["分钟"] = ("分钟", 1),
        ["小时"] = ("分钟", 60),
    };

    public static MetricItem From(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new MetricItem("", null, "");
        }

        return new MetricItem(
            TextNormalizer.Normalize(Text(item, "指标")),
            item.TryGetProperty("数值", out JsonElement value) ? Number(value) : null,
            TextNormalizer.Normalize(Text(item, "单位")));
    }

    /// <summary>
    /// The value in the base unit of its group (元 for 元/万元/亿元, 分钟 for 分钟/小时) with that base unit; other
    /// units are their own base. "%" and "个百分点" are different units, so they never compare equal.
    /// </summary>
    public (double Value, string Unit)? Canonical() =>
        Value is not { } value ? null
        : Conversions.TryGetValue(Unit, out var conversion) ? (value * conversion.Factor, conversion.Base)
        : (value, Unit);

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(
            value.GetString()!.Replace(",", "", StringComparison.Ordinal).Trim(),
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out double parsed) => parsed,
        _ => null,
    };
}
