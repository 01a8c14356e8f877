using System.Text;
using Wenjin.Documents;

namespace Wenjin.Parsing.Repair;

/// <summary>
/// Rebuilds the structure of text converted from PDF or typed as plain text: joins hard line breaks inside sentences
/// (no space when either side is Chinese, so "达到\n92%" becomes "达到92%"; one space between Latin words), keeps real
/// paragraph breaks (blank lines; an indented line when indentation marks paragraphs; a line ending in 。！？；：,
/// except a full-width line in hard-wrapped indented text, which is mid-paragraph), keeps table rows as rows (a '|' or
/// tab separated line is never glued to its neighbours; a table split by a page break continues and its repeated
/// header is dropped), removes page numbers and running headers/footers, folds full-width characters and detects
/// headings without markup (一、…, （二）…, 第三章…, 1.2 …, the first line before a blank line, a short unpunctuated
/// line before a longer paragraph). Decimal numbering ("1.28万亿元") inside an open sentence is not a heading.
/// Stateless and thread-safe.
/// </summary>
public sealed class ConvertedTextRepairer
{
    private const int MaxGenericHeadingWidth = 40;

    public static ConvertedTextRepairer Instance { get; } = new();

    /// <summary>Repairs plain text; form feeds and page-number lines delimit pages for header/footer detection.</summary>
    public IReadOnlyList<RepairedBlock> Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<SourceLine>();
        int page = 1;
        foreach (string rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r'))
        {
            string[] parts = rawLine.Split('\f');
            for (int p = 0; p < parts.Length; p++)
            {
                if (p > 0)
                {
                    page++;
                }

                lines.Add(new SourceLine(parts[p], page));
                if (PageFurnitureFilter.IsPageNumber(CharacterNormalizer.Normalize(parts[p])))
                {
                    page++;
                }
            }
        }

        return Repair(lines, pagesKnown: false);
    }

    /// <summary>Repairs lines whose page is known (PDF); blocks then carry pages and page marks.</summary>
    internal IReadOnlyList<RepairedBlock> Repair(IReadOnlyList<SourceLine> source, bool pagesKnown)
    {
        List<NormalizedLine> lines = PageFurnitureFilter.Filter(Normalize(source));
        return new Assembly(lines, pagesKnown).Run();
    }

    private static List<NormalizedLine> Normalize(IReadOnlyList<SourceLine> source)
    {
        var lines = new List<NormalizedLine>(source.Count);
        foreach (SourceLine line in source)
        {
            string withTabs = CharacterNormalizer.NormalizeKeepingTabs(line.Text);
            string[]? cells = TableRowReader.ReadCells(withTabs);
            string text = cells is null ? CharacterNormalizer.Normalize(withTabs) : withTabs;
            lines.Add(new NormalizedLine(text, line.Page, CharacterNormalizer.HasIndent(line.Text), line.HeadingHint, cells));
        }

        return lines;
    }

    /// <summary>One pass over normalized lines that emits blocks; holds the state of the paragraph being joined.</summary>
    private sealed class Assembly
    {
        private readonly List<NormalizedLine> _lines;
        private readonly bool _pagesKnown;
        private readonly bool _indentMeaningful;
        private readonly int _fullWidth;
        private readonly bool _hardWrapped;
        private readonly List<RepairedBlock> _blocks = [];
        private readonly StringBuilder _paragraph = new();
        private readonly List<PageMark> _marks = [];
        private BlockKind _paragraphKind;
        private int _paragraphPage;
        private int _lastPage;
        private NormalizedLine? _lastLine;
        private int _tableCount;
        private int? _openTable;
        private string? _openTableHeader;
        private int _lastRowPage;

        public Assembly(List<NormalizedLine> lines, bool pagesKnown)
        {
            _lines = lines;
            _pagesKnown = pagesKnown;
            var prose = lines.Where(l => l.Text.Length > 0 && !l.IsTableRow).ToList();
            int indented = prose.Count(l => l.Indented);
            _indentMeaningful = prose.Count > 0 && indented > 0 && indented <= prose.Count * 0.7;
            if (prose.Count >= 4)
            {
                var widths = prose.Select(l => ScriptClass.Width(l.Text)).Order().ToList();
                int typical = widths[(int)(widths.Count * 0.8)];
                if (typical >= 30)
                {
                    _fullWidth = (int)(typical * 0.9);
                    int full = widths.Count(w => w >= _fullWidth && w <= typical * 1.1);
                    _hardWrapped = full >= Math.Max(4, prose.Count * 0.3);
                }
            }
        }

        public List<RepairedBlock> Run()
        {
            for (int i = 0; i < _lines.Count; i++)
            {
                NormalizedLine line = _lines[i];
                if (line.Text.Length == 0)
                {
                    Flush();
                    _openTable = null;
                    continue;
                }

                if (line.Cells is { } cells)
                {
                    Flush();
                    AddTableRow(line, cells);
                    continue;
                }

                _openTable = null;
                string text = line.Text;
                int numbered = HeadingDetector.NumberedLevel(text);
                if (numbered > 0 && !HeadingDetector.IsOrdinalNumbering(text) && _paragraph.Length > 0 && !EndsParagraphBefore(line))
                {
                    numbered = 0;
                }

                bool listItem = numbered == 0 && ListMarker.StartsListItem(text);
                if ((numbered > 0 || line.HeadingHint) && !listItem && HeadingDetector.IsHeadingText(text))
                {
                    Flush();
                    AddHeading(line, numbered > 0 ? numbered : GenericLevel());
                    continue;
                }

                bool startsNew = numbered > 0 || listItem || _paragraph.Length == 0 || EndsParagraphBefore(line);
                if (startsNew && (IsDocumentTitle(i) || IsGenericHeading(i)))
                {
                    Flush();
                    AddHeading(line, GenericLevel());
                    continue;
                }

                if (startsNew)
                {
                    Flush();
                    _paragraphKind = listItem ? BlockKind.ListItem : BlockKind.Paragraph;
                    _paragraphPage = line.Page;
                    _lastPage = line.Page;
                    _paragraph.Append(text);
                }
                else
                {
                    LineJoiner.Append(_paragraph, text);
                    if (_pagesKnown && line.Page != _lastPage)
                    {
                        _marks.Add(new PageMark(line.Page, _paragraph.Length - text.Length));
                        _lastPage = line.Page;
                    }
                }

                _lastLine = line;
            }

            Flush();
            return _blocks;
        }

        private bool EndsParagraphBefore(NormalizedLine line)
        {
            if (_lastLine is null)
            {
                return true;
            }

            if (_indentMeaningful && line.Indented)
            {
                return true;
            }

            if (ScriptClass.EndsParagraph(_lastLine.Text))
            {
                // In hard-wrapped text whose paragraphs are indented, a full line that happens to end with 。 and is
                // followed by an unindented line is the middle of a paragraph.
                bool midParagraph = _hardWrapped && _indentMeaningful && ScriptClass.Width(_lastLine.Text) >= _fullWidth;
                return !midParagraph;
            }

            return false;
        }

        /// <summary>The document's first line, short, unpunctuated and followed by a blank line: its title.</summary>
        private bool IsDocumentTitle(int index)
        {
            string text = _lines[index].Text;
            return _blocks.Count == 0 && _paragraph.Length == 0
                && HeadingDetector.IsHeadingText(text) && !text.Contains('，') && !ListMarker.StartsListItem(text)
                && (index + 1 == _lines.Count || _lines[index + 1].Text.Length == 0);
        }

        /// <summary>A short unpunctuated line at a block boundary, followed by a longer line of prose.</summary>
        private bool IsGenericHeading(int index)
        {
            string text = _lines[index].Text;
            if (ScriptClass.Width(text) > MaxGenericHeadingWidth || ScriptClass.EndsWithPunctuation(text)
                || text.Contains('，') || text.Contains('。') || ListMarker.StartsListItem(text)
                || text.Count(char.IsLetter) < Math.Max(2, text.Length / 2))
            {
                return false;
            }

            for (int j = index + 1; j < _lines.Count; j++)
            {
                NormalizedLine next = _lines[j];
                if (next.Text.Length == 0)
                {
                    continue;
                }

                return !next.IsTableRow
                    && HeadingDetector.NumberedLevel(next.Text) == 0
                    && (ScriptClass.Width(next.Text) > ScriptClass.Width(text) + 10 || ScriptClass.EndsParagraph(next.Text));
            }

            return false;
        }

        private int GenericLevel() => _blocks.Count == 0 && _paragraph.Length == 0 ? 1 : 2;

        private void AddHeading(NormalizedLine line, int level)
        {
            _blocks.Add(new RepairedBlock(BlockKind.Heading, line.Text) { Level = level, Page = PageOf(line.Page) });
            _lastLine = null;
        }

        private void AddTableRow(NormalizedLine line, string[] cells)
        {
            _lastLine = null;
            if (TableRowReader.IsSeparator(cells))
            {
                return;
            }

            string row = TableRowReader.Render(cells);
            if (_openTable is not null && line.Page != _lastRowPage && row == _openTableHeader)
            {
                _lastRowPage = line.Page;
                return;
            }

            bool header = false;
            if (_openTable is null)
            {
                _openTable = ++_tableCount;
                _openTableHeader = row;
                header = true;
            }

            _lastRowPage = line.Page;
            _blocks.Add(new RepairedBlock(BlockKind.TableRow, row)
            {
                TableId = _openTable,
                IsHeaderRow = header,
                Page = PageOf(line.Page),
            });
        }

        private void Flush()
        {
            if (_paragraph.Length > 0)
            {
                _blocks.Add(new RepairedBlock(_paragraphKind, _paragraph.ToString())
                {
                    Page = PageOf(_paragraphPage),
                    PageMarks = [.. _marks],
                });
            }

            _paragraph.Clear();
            _marks.Clear();
            _lastLine = null;
        }

        private int? PageOf(int page) => _pagesKnown ? page : null;
    }
}
