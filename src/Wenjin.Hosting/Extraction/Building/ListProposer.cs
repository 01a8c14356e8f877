using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The list-after hint: the items listed after one of the labels or cue words (arguments), split at 、，；and 以及.
/// Every argument is first tried as a label ("主要功能：A、B、C", a table cell, or a heading "主要功能：" followed by a
/// bulleted or numbered list, whose items are read up to their own colon or first comma), then as a cue word in prose
/// ("系统能够自动识别来电意图、生成工单摘要，并推荐答案。"), where the rest of the sentence must hold at least two items.
/// Items lose a leading conjunction (并, 同时 …) and a trailing 等/等功能; an item longer than <see cref="MaxItemLength"/>
/// is a clause, not an item, and is left out. For a list of enum values, items are mapped to the values they name.
/// </summary>
internal static partial class ListProposer
{
    public const int MaxItems = 12;
    public const int MaxItemLength = 30;

    private const int MaxSentence = 200;
    private const int MaxItemTitle = 20;

    private static readonly string[] LeadingWords = ["包括", "包含", "主要有", "主要包括", "涵盖", "如下", "有"];

    private static readonly string[] Conjunctions = ["并且", "同时", "以及", "并", "和", "及", "还", "也"];

    public static JsonNode? Propose(SchemaField field, SourceHint hint, DocumentReading reading)
    {
        if (field.Kind != FieldKind.List || field.Items is null)
        {
            return null;
        }

        foreach (string cue in hint.Arguments)
        {
            foreach (var value in reading.Labels.FindRaw([cue]))
            {
                var items = value.IsEmpty ? BulletsBelow(reading, value.Line) : Split(reading.Clean(value.Start, value.End));
                if (ToNode(field.Items, items) is { } node)
                {
                    return node;
                }
            }
        }

        foreach (string cue in hint.Arguments)
        {
            foreach (var span in reading.FindCue(cue))
            {
                var items = Split(SentenceRest(reading, span.End));
                if (items.Count >= 2 && ToNode(field.Items, items) is { } node)
                {
                    return node;
                }
            }
        }

        return null;
    }

    private static JsonArray? ToNode(SchemaField item, List<string> items)
    {
        IEnumerable<string> values = item.Kind == FieldKind.Enum
            ? items.Select(i => FieldValueReader.MatchEnum(item.EnumValues, i)).OfType<string>()
            : items;
        var distinct = values.Distinct(StringComparer.Ordinal).Take(MaxItems).ToList();
        return distinct.Count == 0 ? null : new JsonArray([.. distinct.Select(v => (JsonNode)JsonValue.Create(v))]);
    }

    /// <summary>The items of the list right below a heading line.</summary>
    private static List<string> BulletsBelow(DocumentReading reading, int line)
    {
        var items = new List<string>();
        var labels = reading.Labels;
        int blanks = 0;
        char? firstKind = null;
        for (int i = line + 1; i < reading.Lines.Count && items.Count < MaxItems; i++)
        {
            if (labels.IsBlank(i))
            {
                if (++blanks > 1)
                {
                    break;
                }

                continue;
            }

            // A list goes on across a blank line only with the same kind of marker ("1." after "1.", not "三、").
            char kind = MarkerKind(reading, i);
            if (!labels.StartsWithMarker(i) || (firstKind is char first && kind != first))
            {
                break;
            }

            blanks = 0;
            firstKind ??= kind;
            var l = reading.Lines[i];
            string content = DocumentReading.Clean(reading.Text.AsSpan(labels.ContentStart(i), l.End - labels.ContentStart(i))).Trim('*', ' ');
            int colon = content.IndexOfAny(['：', ':']);
            string item = colon >= 2 && colon <= MaxItemTitle ? content[..colon] : FirstClause(content);
            item = Clean(item.Trim('*', ' '));
            if (item.Length is >= 2 and <= MaxItemLength)
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>The kind of a line's list marker: '0' for digits, '一' for Chinese numerals, '(' for brackets, else the mark itself.</summary>
    private static char MarkerKind(DocumentReading reading, int line)
    {
        var l = reading.Lines[line];
        string text = reading.FoldedChars[l.Start..l.End].TrimStart();
        char c = text.Length == 0 ? ' ' : text[0];
        return char.IsAsciiDigit(c) ? '0' : "一二三四五六七八九十".Contains(c, StringComparison.Ordinal) ? '一' : c is '(' or '（' ? '(' : c;
    }

    /// <summary>The rest of the sentence after <paramref name="from"/>: to 。！？, a blank line, or a line that starts a new item.</summary>
    private static string SentenceRest(DocumentReading reading, int from)
    {
        string text = reading.Text;
        int end = from;
        while (end < text.Length && end - from < MaxSentence && text[end] is not ('。' or '！' or '？' or '!' or '?'))
        {
            if (text[end] == '\n')
            {
                int next = reading.LineAt(end + 1);
                if (reading.Labels.IsBlank(next) || reading.Labels.StartsWithMarker(next) || reading.Labels.LooksLikeLabelLine(next))
                {
                    break;
                }
            }

            end++;
        }

        string rest = DocumentReading.Clean(text.AsSpan(from, end - from)).TrimStart('：', ':', ' ');
        foreach (string word in LeadingWords)
        {
            if (rest.StartsWith(word, StringComparison.Ordinal))
            {
                rest = rest[word.Length..].TrimStart('：', ':', ' ');
                break;
            }
        }

        return rest;
    }

    private static List<string> Split(string text)
    {
        var items = new List<string>();
        foreach (string part in SeparatorPattern().Split(text))
        {
            string item = Clean(part);
            if (item.Length is >= 2 and <= MaxItemLength && item.Any(c => char.IsLetter(c)))
            {
                items.Add(item);
            }
        }

        return items;
    }

    private static string Clean(string item)
    {
        string value = item.Trim().Trim('“', '”', '"', '*', ' ', '。', '.');
        foreach (string word in Conjunctions)
        {
            if (value.StartsWith(word, StringComparison.Ordinal) && value.Length > word.Length + 1)
            {
                value = value[word.Length..].TrimStart();
                break;
            }
        }

        return TrailingEtcPattern().Replace(value, "").Trim();
    }

    private static string FirstClause(string content)
    {
        int end = content.IndexOfAny(['，', ',', '。', '；', ';']);
        return end > 0 ? content[..end] : content;
    }

    [GeneratedRegex("[、，,；;]|以及")]
    private static partial Regex SeparatorPattern();

    [GeneratedRegex(@"等(?:[一二三四五六七八九十两多几数\d]+[项个种类大])?(?:功能|方面|内容|能力|服务|场景|工作|业务|环节)?$")]
    private static partial Regex TrailingEtcPattern();
}
