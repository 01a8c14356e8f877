using System.Globalization;
using System.Text.RegularExpressions;

namespace Wenjin.Hosting.Answering;

/// <summary>
/// The "[n]" markers an answer carries after each sentence, n being the 1-based index of the citation that supports
/// it. One format for extracted and (later) generated answers, so every host renders them the same way.
/// </summary>
public static partial class CitationMarkers
{
    public static string Format(int index) => string.Create(CultureInfo.InvariantCulture, $"[{index}]");

    /// <summary>The text without its markers (for comparing an answer with a gold answer).</summary>
    public static string Strip(string text) => Marker().Replace(text, string.Empty);

    [GeneratedRegex(@"\[\d{1,3}\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}
