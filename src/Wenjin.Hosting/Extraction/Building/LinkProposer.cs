using System.Text.Json.Nodes;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The link hint: the metadata URL when the text holds it, else the URL on a line labelled 原文链接, 原文地址, 链接,
/// 来源, 网址 or URL (or on the line after such a label), else the first URL of the text, else the metadata URL (which the
/// validator then reports as not in the document).
/// </summary>
internal static class LinkProposer
{
    private static readonly string[] LinkLabels = ["原文链接", "原文地址", "原文网址", "文章链接", "链接", "网址", "来源", "原文", "url", "link", "source"];

    public static JsonNode? Propose(DocumentReading reading)
    {
        string? metadata = reading.Document.Url?.Trim();
        bool usable = metadata is not null && Uri.TryCreate(metadata, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
        if (usable && reading.Contains(metadata!))
        {
            return JsonValue.Create(metadata);
        }

        string? labelled = null, first = null;
        var lines = reading.Lines;
        for (int i = 0; i < lines.Count && labelled is null; i++)
        {
            string line = reading.Text[lines[i].Start..lines[i].End];
            string? url = FieldValueReader.FirstUrl(line);
            if (url is null)
            {
                continue;
            }

            first ??= url;
            string before = reading.FoldedChars[lines[i].Start..(lines[i].Start + line.IndexOf(url, StringComparison.Ordinal))];
            string previous = i > 0 ? reading.FoldedChars[lines[i - 1].Start..lines[i - 1].End].Trim() : "";
            if (LinkLabels.Any(l => before.Contains(l, StringComparison.Ordinal))
                || (before.Trim().Length == 0 && LinkLabels.Any(l => previous.StartsWith(l, StringComparison.Ordinal) && previous.Length <= l.Length + 2)))
            {
                labelled = url;
            }
        }

        string? found = labelled ?? first ?? (usable ? metadata : null);
        return found is null ? null : JsonValue.Create(found);
    }
}
