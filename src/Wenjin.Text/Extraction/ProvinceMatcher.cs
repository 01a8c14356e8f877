namespace Wenjin.Text.Extraction;

/// <summary>
/// Finds the provincial-level divisions a text mentions: by full name (广西壮族自治区), short name (广西, 内蒙古), name
/// with 省/市 (广东省), or by one of about sixty capitals and large cities (深圳, 深圳市 → 广东省). The text is read through
/// hard line breaks and folded (Traditional → Simplified); a mention must start a word of the segmentation, so 湖南 is
/// not found in 洞庭湖南岸, and the longest name wins (浙江西部 mentions 浙江, not 江西). Returns one
/// <see cref="ExtractedValue"/> per province, its full name with every mention, most mentioned first (then by first
/// mention). One-character abbreviations (京, 粤, 沪) are not read: they are too ambiguous. Stateless and thread-safe.
/// </summary>
public sealed class ProvinceMatcher
{
    private static readonly Dictionary<string, string> Names = BuildNames();

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NameLookup =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int MaxNameLength = Names.Keys.Max(k => k.Length);

    /// <summary>The full names of the 34 provincial-level divisions.</summary>
    public static IReadOnlyList<string> Provinces { get; } = [.. ProvinceGazetteer.Provinces.Select(p => p[0])];

    /// <summary>The provinces mentioned in <paramref name="text"/>; every span is an offset into <paramref name="text"/>.</summary>
    public IReadOnlyList<ExtractedValue> Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JoinedText joined = JoinedText.Create(text, foldWidth: true);
        WordSegmentation words = WordSegmentation.Create(joined);
        string folded = words.Folded;
        var mentions = new Dictionary<string, List<TextSpan>>(StringComparer.Ordinal);
        int i = 0;
        while (i < folded.Length)
        {
            if (!JoinedText.IsCjk(folded[i]) || !words.StartsWord(i))
            {
                i++;
                continue;
            }

            int length = Math.Min(MaxNameLength, folded.Length - i);
            string? province = null;
            for (; length >= 2; length--)
            {
                if (NameLookup.TryGetValue(folded.AsSpan(i, length), out province))
                {
                    break;
                }
            }

            if (province is null)
            {
                i++;
                continue;
            }

            if (!mentions.TryGetValue(province, out List<TextSpan>? spans))
            {
                spans = [];
                mentions.Add(province, spans);
            }

            spans.Add(joined.ToOriginal(i, i + length));
            i += length;
        }

        return [.. mentions
            .OrderByDescending(m => m.Value.Count)
            .ThenBy(m => m.Value[0].Start)
            .Select(m => new ExtractedValue(m.Key, m.Value))];
    }

    private static Dictionary<string, string> BuildNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string[] province in ProvinceGazetteer.Provinces)
        {
            foreach (string name in province)
            {
                names[name] = province[0];
            }
        }

        foreach ((string city, string province) in ProvinceGazetteer.Cities)
        {
            names[city] = province;
            names[city + "市"] = province;
        }

        return names;
    }
}
