using Wenjin.Text.Normalization;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// Finds the value written after a label, in the forms documents use:
/// <list type="bullet">
/// <item>a label line "项目名称：值" (after list markers and numbering such as "一、", "（二）", "3.", "-", "**"; also after
/// two spaces, a tab or ，； inside a line, as in "采购人：甲    地址：乙"), the value running to the end of the line, or to
/// the next such label; a label followed by two or more spaces instead of a colon ("项目名称    值") counts too;</item>
/// <item>a table cell holding the label (Markdown "| 项目名称 | 值 |" or tab-separated), the value being the next
/// cell; in a header row of three or more columns (a Markdown row followed by |---|, or a tab row of text cells above
/// a row of as many cells) the value is the cell below it in the first data row.</item>
/// </list>
/// Labels compare folded (full-width = half-width, Traditional = Simplified) with spaces between their characters
/// allowed ("采 购 人："); a label may be followed by 名称/全称 and by a bracketed unit ("中标金额（万元）：") before
/// its colon. A longer label is not matched by a shorter one (采购人 does not match "采购人地址："). Thread-compatible.
/// </summary>
internal sealed class LabelReader
{
    private const int MaxInlineLabelLength = 10;
    private const int MaxBracketLength = 12;
    private const int MaxNextLineValueLength = 80;
    private const int MinLinesForWrapDetection = 5;

    private static readonly string[] NameTails = ["单位名称", "名称", "全称"];

    private readonly string _text;
    private readonly string _folded;
    private readonly IReadOnlyList<TextLine> _lines;
    private int _wrapWidth = -1;

    public LabelReader(string text, string folded, IReadOnlyList<TextLine> lines)
    {
        _text = text;
        _folded = folded;
        _lines = lines;
    }

    /// <summary>
    /// The first non-empty value of the first label (in the order given) that has one: a label whose value is empty
    /// takes the next line when that line is a plain value (no label, marker or table), and "采购人信息" followed by
    /// "名称：…" takes that name. A value broken by a PDF-style hard line break (its line as wide as the page and the
    /// next line no new item) continues on the next line.
    /// </summary>
    public LabelValue? FindValue(IReadOnlyList<string> labels)
    {
        foreach (string label in labels)
        {
            foreach (var (value, withInfoTail) in FindAll(label))
            {
                LabelValue? resolved = value.IsEmpty ? ValueBelow(value.Line, withInfoTail, value.Unit) : Continue(value);
                if (resolved is not null && !resolved.IsEmpty)
                {
                    return resolved;
                }
            }
        }

        return null;
    }

    /// <summary>The values, empty ones included, of the first label (in the order given) that occurs, in text order.</summary>
    public IReadOnlyList<LabelValue> FindRaw(IReadOnlyList<string> labels)
    {
        foreach (string label in labels)
        {
            var values = FindAll(label).Select(v => v.Value).ToList();
            if (values.Count > 0)
            {
                return values;
            }
        }

        return [];
    }

    /// <summary>Whether line <paramref name="line"/> starts with a list or heading marker ("1.", "（二）", "-", "①" …).</summary>
    public bool StartsWithMarker(int line)
    {
        var l = _lines[line];
        int at = SkipSpaces(l.Start, l.End);
        return at < l.End && SkipMarkers(at, l.End) > at && !IsHeadingHash(at, l.End);
    }

    /// <summary>The offset after the markers and numbering at the start of line <paramref name="line"/>.</summary>
    public int ContentStart(int line)
    {
        var l = _lines[line];
        return SkipMarkers(SkipSpaces(l.Start, l.End), l.End);
    }

    /// <summary>Whether line <paramref name="line"/> reads "something：…" with a short label, or is a table row.</summary>
    public bool LooksLikeLabelLine(int line)
    {
        var l = _lines[line];
        int start = SkipMarkers(SkipSpaces(l.Start, l.End), l.End);
        if (IsTableRow(line) || _folded.AsSpan(l.Start, l.Length).Contains('\t'))
        {
            return true;
        }

        int limit = Math.Min(l.End, start + MaxInlineLabelLength + 6);
        for (int k = start; k < limit; k++)
        {
            if (_folded[k] == ':' && !(k > start && char.IsAsciiDigit(_folded[k - 1]) && k + 1 < l.End && char.IsAsciiDigit(_folded[k + 1])))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsBlank(int line) => SkipSpaces(_lines[line].Start, _lines[line].End) == _lines[line].End;

    private IEnumerable<(LabelValue Value, bool WithInfoTail)> FindAll(string label)
    {
        string needle = Fold(label);
        if (needle.Length == 0)
        {
            yield break;
        }

        for (int li = 0; li < _lines.Count; li++)
        {
            var line = _lines[li];
            if (line.Length < needle.Length || !LineMayHold(line, needle))
            {
                continue;
            }

            var cells = Cells(li);
            for (int ci = 0; ci < cells.Count; ci++)
            {
                var (cellStart, cellEnd) = cells[ci];
                bool isCell = cells.Count > 1;
                foreach (int at in LabelStarts(cellStart, cellEnd))
                {
                    if (Match(at, cellEnd, needle, li, ci, cells, isCell) is { } found)
                    {
                        yield return found;
                        break;
                    }
                }
            }
        }
    }

    private bool LineMayHold(TextLine line, string needle) =>
        _folded.AsSpan(line.Start, line.Length).Contains(needle[0]);

    private (LabelValue Value, bool WithInfoTail)? Match(int at, int end, string needle, int line, int cell, List<(int Start, int End)> cells, bool isCell)
    {
        int k = MatchLabel(at, end, needle);
        if (k < 0)
        {
            return null;
        }

        k = SkipBold(k, end);
        k = SkipSpaces(k, end, out _);
        bool infoTail = false;
        foreach (string tail in NameTails)
        {
            int after = MatchLabel(k, end, tail);
            if (after >= 0)
            {
                k = SkipSpaces(after, end, out _);
                break;
            }
        }

        if (MatchLabel(k, end, "信息") is int info and >= 0)
        {
            infoTail = true;
            k = SkipSpaces(info, end, out _);
        }

        string unit = "";
        if (k < end && _folded[k] == '(')
        {
            int close = _folded.IndexOf(')', k + 1, Math.Min(MaxBracketLength, end - k - 1));
            if (close < 0)
            {
                return null;
            }

            unit = _text[(k + 1)..close].Trim();
            k = close + 1;
        }

        k = SkipBold(k, end);
        int whitespaceStart = k;
        k = SkipSpaces(k, end, out int spaces);
        if (k >= end)
        {
            // The label fills its cell or line: the value is in the next cell, the cell below, or the next line.
            return isCell ? (CellValue(line, cell, cells, unit), infoTail) : (new LabelValue(end, end, line, unit), infoTail);
        }

        if (_folded[k] == ':')
        {
            int valueStart = SkipSpaces(k + 1, end, out _);
            return (Trim(valueStart, InlineLabelStart(valueStart, end), line, unit), infoTail);
        }

        bool aligned = spaces >= 2 || _text.AsSpan(whitespaceStart, k - whitespaceStart).ContainsAny('\u3000', '\t');
        return aligned ? (Trim(k, InlineLabelStart(k, end), line, unit), infoTail) : null;
    }

    private LabelValue CellValue(int line, int cell, List<(int Start, int End)> cells, string unit)
    {
        if (cells.Count >= 3 && HeaderBelow(line, cells.Count) is int dataLine)
        {
            var below = Cells(dataLine);
            if (cell < below.Count)
            {
                return Trim(below[cell].Start, below[cell].End, dataLine, unit);
            }
        }

        return cell + 1 < cells.Count
            ? Trim(cells[cell + 1].Start, cells[cell + 1].End, line, unit)
            : new LabelValue(cells[cell].End, cells[cell].End, line, unit);
    }

    /// <summary>For a header row: the line of the first data row below it, else null.</summary>
    private int? HeaderBelow(int line, int cellCount)
    {
        if (IsTableRow(line))
        {
            return line + 2 < _lines.Count && IsSeparatorRow(line + 1) && IsTableRow(line + 2) ? line + 2 : null;
        }

        bool textOnly = Cells(line).All(c => !_folded.AsSpan(c.Start, c.End - c.Start).ContainsAnyInRange('0', '9'));
        return textOnly && line + 1 < _lines.Count && Cells(line + 1).Count == cellCount ? line + 1 : null;
    }

    private LabelValue? ValueBelow(int line, bool infoTail, string unit)
    {
        if (infoTail)
        {
            for (int next = line + 1; next < _lines.Count && next <= line + 3; next++)
            {
                var name = FindAllOnLine(next, Fold("名称")).FirstOrDefault();
                if (name is not null && !name.IsEmpty)
                {
                    return name;
                }
            }

            return null;
        }

        int below = line + 1;
        if (below >= _lines.Count || IsBlank(below) || LooksLikeLabelLine(below) || StartsWithMarker(below)
            || _lines[below].Length > MaxNextLineValueLength)
        {
            return null;
        }

        var l = _lines[below];
        return Trim(SkipSpaces(l.Start, l.End), l.End, below, unit);
    }

    private IEnumerable<LabelValue> FindAllOnLine(int line, string needle)
    {
        var l = _lines[line];
        int at = SkipMarkers(SkipSpaces(l.Start, l.End), l.End);
        int k = MatchLabel(at, l.End, needle);
        if (k < 0)
        {
            yield break;
        }

        k = SkipSpaces(k, l.End, out _);
        if (k < l.End && _folded[k] == ':')
        {
            int valueStart = SkipSpaces(k + 1, l.End, out _);
            yield return Trim(valueStart, InlineLabelStart(valueStart, l.End), line, "");
        }
    }

    /// <summary>A value that runs to the end of a page-wide line continues on the next line when that line starts no new item.</summary>
    private LabelValue Continue(LabelValue value)
    {
        int line = value.Line;
        var l = _lines[line];
        if (line + 1 >= _lines.Count || SkipTrailing(l.Start, l.End) != value.End || IsTableRow(line) || _text.AsSpan(l.Start, l.Length).Contains('\t'))
        {
            return value;
        }

        char last = _text[value.End - 1];
        int next = line + 1;
        if ("。；;！？!?：:".Contains(last, StringComparison.Ordinal) || IsBlank(next) || LooksLikeLabelLine(next) || StartsWithMarker(next)
            || Trimmed(line) < Math.Max(16, WrapWidth()))
        {
            return value;
        }

        var n = _lines[next];
        return value with { End = SkipTrailing(n.Start, n.End), Line = next };
    }

    /// <summary>Three quarters of the 90th-percentile line length: a line this long may have been wrapped by the page.</summary>
    private int WrapWidth()
    {
        if (_wrapWidth >= 0)
        {
            return _wrapWidth;
        }

        var lengths = Enumerable.Range(0, _lines.Count).Select(Trimmed).Where(n => n > 0).Order().ToList();
        _wrapWidth = lengths.Count < MinLinesForWrapDetection ? int.MaxValue : lengths[(int)(lengths.Count * 0.9)] * 3 / 4;
        return _wrapWidth;
    }

    private int Trimmed(int line)
    {
        var l = _lines[line];
        int start = SkipSpaces(l.Start, l.End);
        return start >= l.End ? 0 : SkipTrailing(start, l.End) - start;
    }

    /// <summary>Where a label may start inside [start, end): after the markers, and after an inline separator.</summary>
    private IEnumerable<int> LabelStarts(int start, int end)
    {
        int first = SkipBold(SkipMarkers(SkipSpaces(start, end), end), end);
        yield return first;
        for (int k = first + 1; k < end; k++)
        {
            char c = _folded[k - 1];
            bool separator = c is '，' or ',' or '；' or ';' or '。' or '\t' || (c == ' ' && _folded[k - 2 < start ? k - 1 : k - 2] is ' ' or '\u3000') || c == '\u3000';
            if (separator && !char.IsWhiteSpace(_folded[k]))
            {
                yield return k;
            }
        }
    }

    /// <summary>The start of the next inline "标签：" after <paramref name="start"/> (at its separator), else <paramref name="end"/>.</summary>
    private int InlineLabelStart(int start, int end)
    {
        for (int k = start; k < end; k++)
        {
            char c = _folded[k];
            bool separator = c is '，' or ',' or '；' or ';' or '\t' or '\u3000' || (c == ' ' && k + 1 < end && _folded[k + 1] is ' ' or '\u3000');
            if (!separator)
            {
                continue;
            }

            int label = k + 1;
            while (label < end && char.IsWhiteSpace(_folded[label]))
            {
                label++;
            }

            int length = 0;
            while (label + length < end && length <= MaxInlineLabelLength && (DocumentReading.IsCjk(_folded[label + length]) || char.IsAsciiLetter(_folded[label + length])))
            {
                length++;
            }

            if (length >= 2 && length <= MaxInlineLabelLength && label + length < end && _folded[label + length] == ':')
            {
                return k;
            }
        }

        return end;
    }

    /// <summary>The end of <paramref name="needle"/> matched at <paramref name="at"/> with spaces allowed between its characters, else -1.</summary>
    private int MatchLabel(int at, int end, string needle)
    {
        int k = at;
        for (int n = 0; n < needle.Length; n++)
        {
            if (n > 0)
            {
                while (k < end && _folded[k] is ' ' or '\u3000')
                {
                    k++;
                }
            }

            if (k >= end || _folded[k] != needle[n])
            {
                return -1;
            }

            k++;
        }

        return k;
    }

    private int SkipMarkers(int at, int end)
    {
        int k = at;
        while (k < end && _folded[k] is '#' or '>' or '-' or '*' or '+' or '•' or '·' or '●' or '○' or '■' or '□' or '◆' or '▪' or '★' or '☆' or '▶' or '√')
        {
            k = SkipSpaces(k + 1, end);
        }

        if (k < end && _folded[k] is >= '①' and <= '⑳')
        {
            return SkipSpaces(k + 1, end);
        }

        if (k < end && _folded[k] is '(' or '（')
        {
            int close = k + 1;
            while (close < end && close - k <= 4 && (IsCounter(_folded[close]) || char.IsAsciiDigit(_folded[close])))
            {
                close++;
            }

            if (close > k + 1 && close < end && _folded[close] is ')' or '）')
            {
                k = close + 1;
                if (k < end && _folded[k] is '、' or '.')
                {
                    k++;
                }

                return SkipSpaces(k, end);
            }

            return k;
        }

        int digits = k;
        while (digits < end && digits - k <= 6 && (char.IsAsciiDigit(_folded[digits]) || (_folded[digits] == '.' && digits > k && digits + 1 < end && char.IsAsciiDigit(_folded[digits + 1]))))
        {
            digits++;
        }

        if (digits > k && digits < end && _folded[digits] is '、' or '.' or ')' or '）')
        {
            return SkipSpaces(digits + 1, end);
        }

        if (digits > k && digits < end && _folded[digits] == ' ' && _folded.AsSpan(k, digits - k).Contains('.'))
        {
            return SkipSpaces(digits + 1, end);
        }

        int counters = k;
        while (counters < end && counters - k < 3 && IsCounter(_folded[counters]))
        {
            counters++;
        }

        if (counters > k && counters < end && _folded[counters] is '、' or '.')
        {
            return SkipSpaces(counters + 1, end);
        }

        if (k < end && _folded[k] == '第' && counters == k)
        {
            int c = k + 1;
            while (c < end && c - k <= 4 && (IsCounter(_folded[c]) || char.IsAsciiDigit(_folded[c])))
            {
                c++;
            }

            if (c > k + 1 && c < end && "章节条部".Contains(_folded[c], StringComparison.Ordinal))
            {
                return SkipSpaces(c + 1, end);
            }
        }

        return k;
    }

    private bool IsHeadingHash(int at, int end) => at < end && _folded[at] == '#';

    private static bool IsCounter(char c) => "一二三四五六七八九十".Contains(c, StringComparison.Ordinal);

    private int SkipBold(int at, int end)
    {
        while (at < end && _folded[at] is '*' or '_')
        {
            at++;
        }

        return at;
    }

    private int SkipSpaces(int at, int end) => SkipSpaces(at, end, out _);

    private int SkipSpaces(int at, int end, out int count)
    {
        int k = at;
        while (k < end && char.IsWhiteSpace(_text[k]))
        {
            k++;
        }

        count = k - at;
        return k;
    }

    private int SkipTrailing(int start, int end)
    {
        while (end > start && char.IsWhiteSpace(_text[end - 1]))
        {
            end--;
        }

        return end;
    }

    /// <summary>The value [start, end) without surrounding white space, bold marks and closing punctuation.</summary>
    private LabelValue Trim(int start, int end, int line, string unit)
    {
        while (start < end && (char.IsWhiteSpace(_text[start]) || _text[start] is '*'))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(_text[end - 1]) || _text[end - 1] is '*' or '。' or '；' or ';' or '，' or ',' or '、'))
        {
            end--;
        }

        return new LabelValue(start, end, line, unit);
    }

    private bool IsTableRow(int line)
    {
        var l = _lines[line];
        int at = SkipSpaces(l.Start, l.End);
        return at < l.End && _text[at] is '|' or '｜';
    }

    private bool IsSeparatorRow(int line)
    {
        var l = _lines[line];
        var span = _text.AsSpan(l.Start, l.Length).Trim();
        return span.Length > 0 && span[0] == '|' && span.Contains('-') && !span.ContainsAnyExcept("|-: \t");
    }

    /// <summary>The cells of a line: Markdown table cells, tab-separated cells, or the whole line as one.</summary>
    private List<(int Start, int End)> Cells(int line)
    {
        var l = _lines[line];
        var cells = new List<(int Start, int End)>();
        if (IsTableRow(line))
        {
            int open = _text.IndexOfAny(['|', '｜'], l.Start, l.Length);
            int k = open + 1;
            while (k <= l.End)
            {
                int close = k < l.End ? _text.IndexOfAny(['|', '｜'], k, l.End - k) : -1;
                if (close < 0)
                {
                    if (SkipSpaces(k, l.End) < l.End)
                    {
                        cells.Add((k, l.End));
                    }

                    break;
                }

                cells.Add((k, close));
                k = close + 1;
            }

            return cells;
        }

        int start = l.Start;
        for (int k = l.Start; k < l.End; k++)
        {
            if (_text[k] == '\t')
            {
                if (SkipSpaces(start, k) < k)
                {
                    cells.Add((start, k));
                }

                start = k + 1;
            }
        }

        if (SkipSpaces(start, l.End) < l.End || cells.Count == 0)
        {
            cells.Add((start, l.End));
        }

        return cells;
    }

    private static string Fold(string label)
    {
        string folded = CharacterFolder.Shared.Fold(label);
        return string.Concat(folded.Where(c => !char.IsWhiteSpace(c)));
    }
}
