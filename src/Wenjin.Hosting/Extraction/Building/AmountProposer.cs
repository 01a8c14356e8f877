using System.Text.Json.Nodes;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The money and number hints. A value after a cue is read first from the cue as a label (line, table cell or column,
/// its bracketed unit applied), then from prose: the first quantity after an occurrence of the cue, close to it and in
/// the same clause (see <see cref="CueContext.Gap"/>). For money, budgets, maximum prices, other quotes, unit prices and
/// fees are not the amount: a value is refused when one of <see cref="Distractors"/> stands between the cue and it, in
/// the clause before the cue ("代理服务费按中标金额的1.5%") or in the label value before it.
/// </summary>
internal static class AmountProposer
{
    /// <summary>The most characters (white space not counted) between a cue and its value.</summary>
    public const int MaxGap = 24;

    /// <summary>Words that name a different amount than the one asked for.</summary>
    public static readonly string[] Distractors =
        ["预算", "限价", "控制价", "拦标价", "报价", "代理费", "服务费", "单价", "保证金", "标书费", "概算", "投资", "费率", "下浮", "折扣", "每"];

    public static JsonNode? ProposeMoney(SchemaField field, SourceHint hint, DocumentReading reading) =>
        Propose(field, hint, reading, money: true);

    public static JsonNode? ProposeNumber(SchemaField field, SourceHint hint, DocumentReading reading) =>
        Propose(field, hint, reading, money: false);

    private static JsonValue? Propose(SchemaField field, SourceHint hint, DocumentReading reading, bool money)
    {
        if (hint.Arguments.Count > 0)
        {
            return AfterLabel(field, hint.Arguments, reading, money) ?? AfterCue(field, hint.Arguments, reading, money);
        }

        string text = reading.Text;
        foreach (var mention in reading.Quantities)
        {
            if (mention is DateMention || (money && mention is not MoneyMention) || (!money && IsListNumber(reading, mention))
                || (money && HasDistractor(CueContext.ClauseBefore(text, mention.Span.Start))))
            {
                continue;
            }

            if (FieldValueReader.ValueOf(field, mention, text, "", money) is decimal value)
            {
                return JsonValue.Create(value);
            }
        }

        return null;
    }

    private static JsonValue? AfterLabel(SchemaField field, IReadOnlyList<string> cues, DocumentReading reading, bool money)
    {
        foreach (string cue in cues)
        {
            if (reading.Labels.FindValue([cue]) is not { } label)
            {
                continue;
            }

            string value = reading.Text[label.Start..label.End];
            foreach (var mention in DocumentReading.QuantitiesOf(value))
            {
                if (mention is DateMention)
                {
                    continue;
                }

                if (money && HasDistractor(value[..mention.Span.Start]))
                {
                    break;
                }

                if (FieldValueReader.ValueOf(field, mention, value, label.Unit, money) is decimal number)
                {
                    return JsonValue.Create(number);
                }

                break;
            }
        }

        return null;
    }

    private static JsonValue? AfterCue(SchemaField field, IReadOnlyList<string> cues, DocumentReading reading, bool money)
    {
        string text = reading.Text;
        var quantities = reading.Quantities;
        foreach (string cue in cues)
        {
            foreach (var span in reading.FindCue(cue))
            {
                if (!CueContext.IsPlain(text, span.Start, span.End) || (money && HasDistractor(CueContext.ClauseBefore(text, span.Start))))
                {
                    continue;
                }

                int first = FirstAtOrAfter(quantities, span.End);
                for (int q = first; q < quantities.Count; q++)
                {
                    var mention = quantities[q];
                    string? gap = CueContext.Gap(text, span.End, mention.Span.Start, MaxGap);
                    if (gap is null || (money && HasDistractor(gap)))
                    {
                        break;
                    }

                    if (mention is DateMention)
                    {
                        continue;
                    }

                    string unit = BracketUnit(gap);
                    if (FieldValueReader.ValueOf(field, mention, text, unit, money) is decimal value)
                    {
                        return JsonValue.Create(value);
                    }

                    break;
                }
            }
        }

        return null;
    }

    /// <summary>A unit in brackets in the gap after a cue ("（万元）：" → 万元), else "".</summary>
    private static string BracketUnit(string gap)
    {
        int open = gap.IndexOfAny(['(', '（']);
        int close = open < 0 ? -1 : gap.IndexOfAny([')', '）'], open + 1);
        return close > open + 1 ? gap[(open + 1)..close] : "";
    }

    private static bool HasDistractor(string text)
    {
        foreach (string word in Distractors)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A number that only numbers a list item or heading ("1." or "2、" at the start of a line).</summary>
    private static bool IsListNumber(DocumentReading reading, QuantityMention mention)
    {
        string text = reading.Text;
        int end = mention.Span.End;
        if (end >= text.Length || text[end] is not ('.' or '、' or ')' or '）' or '．'))
        {
            return false;
        }

        var line = reading.Lines[reading.LineAt(mention.Span.Start)];
        return text.AsSpan(line.Start, mention.Span.Start - line.Start).Trim().Length == 0;
    }

    private static int FirstAtOrAfter(IReadOnlyList<QuantityMention> quantities, int offset)
    {
        int low = 0, high = quantities.Count;
        while (low < high)
        {
            int middle = (low + high) / 2;
            if (quantities[middle].Span.Start < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
