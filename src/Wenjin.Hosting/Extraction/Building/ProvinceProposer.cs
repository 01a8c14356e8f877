using System.Text.Json.Nodes;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The province hint: the province-level division of the record's main organisation (<see cref="DocumentReading.MainOrganisation"/>)
/// read from its name (杭州市西湖区教育局 → 浙江省), else from the address on the lines right after the organisation is
/// named ("地址：…"), else from a location label (项目地点, 项目所在地, 建设地点, 地址), else the province the text names
/// most (<see cref="Wenjin.Text.Extraction.ProvinceMatcher"/>). Always the full name (浙江省, 广西壮族自治区).
/// </summary>
internal static class ProvinceProposer
{
    private const int AddressLinesAfterName = 3;

    private static readonly string[] AddressLabels = ["地址", "联系地址", "详细地址", "通讯地址", "办公地址"];

    private static readonly string[] LocationLabels = ["项目地点", "项目所在地", "建设地点", "实施地点", "所在地区", "所在地", "采购人地址", "地址"];

    public static JsonNode? Propose(DocumentReading reading)
    {
        string? province = OfMainOrganisation(reading)
            ?? (reading.Labels.FindValue(LocationLabels) is { } location ? First(reading.Clean(location.Start, location.End)) : null)
            ?? reading.Provinces.FirstOrDefault()?.Value;
        return province is null ? null : JsonValue.Create(province);
    }

    private static string? OfMainOrganisation(DocumentReading reading)
    {
        string? name = reading.MainOrganisation;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (First(name) is { } fromName)
        {
            return fromName;
        }

        foreach (var span in reading.FindCue(name))
        {
            int line = reading.LineAt(span.Start);
            for (int next = line; next < reading.Lines.Count && next <= line + AddressLinesAfterName; next++)
            {
                var l = reading.Lines[next];
                string lineText = reading.Text[l.Start..l.End];
                foreach (string label in AddressLabels)
                {
                    int at = lineText.IndexOf(label, StringComparison.Ordinal);
                    if (at >= 0 && First(lineText[(at + label.Length)..]) is { } fromAddress)
                    {
                        return fromAddress;
                    }
                }
            }

            break;
        }

        return null;
    }

    private static string? First(string text) => DocumentReading.ProvincesOf(text).FirstOrDefault()?.Value;
}
