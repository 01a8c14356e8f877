using System.Net;
using System.Text.RegularExpressions;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// The text of one evaluation document as the scoring rules read it, normalised (<see cref="TextNormalizer"/>, which
/// also removes hard line breaks). For .html it is the visible text (script and style dropped, tags stripped,
/// entities unescaped, as check_expected.py does). For .md it is the file as written and, as a second form, the text a
/// Markdown parser shows (emphasis and code marks, heading, quote and list markers dropped, links reduced to their
/// text), so a quote taken from either is valid. Quotes and summary numbers are checked against these forms.
/// </summary>
internal sealed partial class EvaluationDocument
{
    private readonly string[] _forms;

    private EvaluationDocument(string[] forms)
    {
        _forms = forms;
        Numbers = forms.SelectMany(TextNormalizer.Numbers).ToHashSet();
    }

    /// <summary>Every number written in the document (Arabic digits), for the free-text faithfulness check.</summary>
    public IReadOnlySet<decimal> Numbers { get; }

    public static EvaluationDocument Load(string path)
    {
        string raw = File.ReadAllText(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        string[] forms = extension switch
        {
            ".html" or ".htm" => [VisibleHtmlText(raw)],
            ".md" or ".markdown" => [raw, VisibleMarkdownText(raw)],
            _ => [raw],
        };
        return new EvaluationDocument([.. forms.Select(TextNormalizer.Normalize)]);
    }

    public static EvaluationDocument FromText(string text) => new([TextNormalizer.Normalize(text)]);

    /// <summary>A quote is valid when its normalised form is not empty and occurs in the document.</summary>
    public bool ContainsQuote(string quote)
    {
        string normalized = TextNormalizer.Normalize(quote);
        return normalized.Length > 0 && _forms.Any(form => form.Contains(normalized, StringComparison.Ordinal));
    }

    public static string VisibleHtmlText(string html)
    {
        string text = ScriptOrStyle().Replace(html, "");
        text = LineBreakTag().Replace(text, "\n");
        text = Tag().Replace(text, "");
        return WebUtility.HtmlDecode(text);
    }

    public static string VisibleMarkdownText(string markdown)
    {
        string text = MarkdownLink().Replace(markdown, "$1");
        text = LineMarker().Replace(text, "");
        return text.Replace("*", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreakTag();

    [GeneratedRegex("<[^>]+>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-+*][ \t]+|[0-9]+\.[ \t]+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex LineMarker();
}
