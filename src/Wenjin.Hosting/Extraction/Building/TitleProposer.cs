using System.Text.Json.Nodes;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The title hint: the document's metadata title when the text holds it (a file name is no title), else its first
/// heading or first line — whichever comes first among the leading lines, skipping label, link and date lines and
/// paragraphs. A title wrapped onto a short second line by PDF conversion ("…平台建设\n项目中标结果公告", then a blank
/// line) is read whole. A website suffix ("标题_某某网", "标题 | 某某新闻") is removed. As a fallback for a name field
/// (<paramref name="asName"/>: the title is not the field's first hint), the notice type that ends the title is removed
/// too ("…建设项目中标结果公告" → "…建设项目").
/// </summary>
internal static class TitleProposer
{
    private const int MaxTitleLength = 100;
    private const int LeadingLines = 12;
    private const int MaxWrappedTail = 20;
    private const int MinWrappedHead = 15;
    private const int MaxSiteSuffix = 16;

    private static readonly string[] FileExtensions = [".txt", ".md", ".pdf", ".doc", ".docx", ".html", ".htm", ".json", ".jsonl"];

    private static readonly string[] SiteWords = ["网", "报", "新闻", "频道", "在线", "客户端", "官网", "资讯", "日报", "时报", "电视台", "news", ".com", ".cn"];

    private static readonly string[] NoticeTypes =
    [
        "中标（成交）结果公告", "中标(成交)结果公告", "中标结果公告", "成交结果公告", "中标候选人公示", "中标公告", "成交公告", "中标公示", "结果公告",
        "采购公告", "招标公告", "公告", "公示",
    ];

    public static JsonNode? Propose(DocumentReading reading, bool asName)
    {
        string? title = FromMetadata(reading) ?? FromText(reading);
        if (title is null)
        {
            return null;
        }

        title = WithoutSiteSuffix(title);
        if (asName)
        {
            title = WithoutNoticeType(title);
        }

        return title.Length == 0 ? null : JsonValue.Create(title);
    }

    private static string? FromMetadata(DocumentReading reading)
    {
        string? title = reading.Document.Title?.Trim();
        if (string.IsNullOrEmpty(title) || FileExtensions.Any(e => title.EndsWith(e, StringComparison.OrdinalIgnoreCase)) || title.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        string stripped = WithoutSiteSuffix(title);
        return reading.Contains(title) ? title : reading.Contains(stripped) ? stripped : null;
    }

    private static string? FromText(DocumentReading reading)
    {
        var lines = reading.Lines;
        var labels = reading.Labels;
        int seen = 0;
        for (int i = 0; i < lines.Count && seen < LeadingLines; i++)
        {
            if (labels.IsBlank(i))
            {
                continue;
            }

            seen++;
            var line = lines[i];
            string raw = reading.Text[line.Start..line.End].Trim();
            bool heading = raw.StartsWith('#');
            string text = raw.TrimStart('#', ' ', '\t').Trim().Trim('*').Trim();
            if (text.Length == 0 || text.Length > MaxTitleLength || text.Contains("://", StringComparison.Ordinal)
                || (!heading && labels.LooksLikeLabelLine(i)) || !text.Any(DocumentReading.IsCjk) && !text.Any(char.IsLetter)
                || FieldValueReader.ReadDate(text) is not null && text.Length < 24)
            {
                continue;
            }

            return heading ? text : WithWrappedTail(reading, i, text);
        }

        return null;
    }

    /// <summary>The title with its wrapped second line, when the title block is exactly two lines and the second is short.</summary>
    private static string WithWrappedTail(DocumentReading reading, int line, string text)
    {
        var labels = reading.Labels;
        var lines = reading.Lines;
        if (text.Length < MinWrappedHead || "。！？.!?".Contains(text[^1], StringComparison.Ordinal) || line + 1 >= lines.Count || labels.IsBlank(line + 1)
            || (line + 2 < lines.Count && !labels.IsBlank(line + 2)))
        {
            return text;
        }

        var next = lines[line + 1];
        string tail = reading.Text[next.Start..next.End].Trim();
        bool source = SiteWords.Any(w => tail.EndsWith(w, StringComparison.OrdinalIgnoreCase)) || tail.Any(char.IsAsciiDigit);
        return tail.Length > MaxWrappedTail || source || labels.LooksLikeLabelLine(line + 1) || labels.StartsWithMarker(line + 1) ? text : text + tail;
    }

    private static string WithoutSiteSuffix(string title)
    {
        foreach (string separator in new[] { "_", "|", "｜", " - ", " – " })
        {
            int at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at < 6)
            {
                continue;
            }

            string suffix = title[(at + separator.Length)..].Trim();
            bool site = separator is "_" or "|" or "｜" || SiteWords.Any(w => suffix.Contains(w, StringComparison.OrdinalIgnoreCase));
            if (suffix.Length is > 0 and <= MaxSiteSuffix && site)
            {
                return title[..at].Trim();
            }
        }

        return title;
    }

    private static string WithoutNoticeType(string title)
    {
        foreach (string type in NoticeTypes)
        {
            if (title.EndsWith(type, StringComparison.Ordinal) && title.Length > type.Length + 4)
            {
                return title[..^type.Length].TrimEnd('的', ' ');
            }
        }

        return title;
    }
}
