using System.Text;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Repair;

namespace Wenjin.Parsing.Building;

/// <summary>
/// Assembles <see cref="ParsedDocument.Text"/> and its blocks: blocks are appended in order, separated by "\n" inside a
/// run of list items or rows of one table and by "\n\n" otherwise, so every block span indexes exactly its text.
/// Block text is trimmed; empty blocks are skipped. Not thread-safe: one builder per document.
/// </summary>
internal sealed class ParsedDocumentBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<DocumentBlock> _blocks = [];
    private readonly SortedDictionary<int, int> _pageStarts = [];
    private readonly Dictionary<int, int> _tableIds = [];
    private int _tableCount;

    public int Count => _blocks.Count;

    /// <summary>The first heading's text, a fallback title.</summary>
    public string? FirstHeading { get; private set; }

    public int NewTableId() => ++_tableCount;

    public void Add(BlockKind kind, string text, int level = 0, int? tableId = null, bool isHeaderRow = false, int? page = null)
    {
        AddCore(kind, text, level, tableId, isHeaderRow, page, []);
    }

    /// <summary>
    /// Adds repaired blocks; their table ids are renumbered to stay unique in this document. With
    /// <paramref name="continuePreviousTable"/>, rows at the start of <paramref name="blocks"/> that directly follow a
    /// table row continue that table (a table split by a page break): they are not header rows, and a repetition of
    /// the table's header row is dropped.
    /// </summary>
    public void AddRepaired(IReadOnlyList<RepairedBlock> blocks, bool continuePreviousTable = false)
    {
        _tableIds.Clear();
        int? continued = null;
        string? continuedHeader = null;
        if (continuePreviousTable && blocks.Count > 0 && blocks[0] is { Kind: BlockKind.TableRow, TableId: int firstLocal }
            && _blocks.Count > 0 && _blocks[^1] is { Kind: BlockKind.TableRow, TableId: int previousTable })
        {
            _tableIds[firstLocal] = previousTable;
            continued = previousTable;
            continuedHeader = HeaderRowText(previousTable);
        }

        foreach (RepairedBlock block in blocks)
        {
            int? tableId = null;
            bool header = block.IsHeaderRow;
            if (block.TableId is int local)
            {
                if (!_tableIds.TryGetValue(local, out int global))
                {
                    global = NewTableId();
                    _tableIds[local] = global;
                }
                else if (global == continued)
                {
                    if (header && block.Text.Trim() == continuedHeader)
                    {
                        continue;
                    }

                    header = false;
                }

                tableId = global;
            }

            AddCore(block.Kind, block.Text, block.Level, tableId, header, block.Page, block.PageMarks);
        }
    }

    private string? HeaderRowText(int tableId)
    {
        for (int i = _blocks.Count - 1; i >= 0; i--)
        {
            DocumentBlock block = _blocks[i];
            if (block.TableId == tableId && block.IsHeaderRow)
            {
                return _text.ToString(block.Start, block.Length);
            }
        }

        return null;
    }

    /// <summary>Builds the document; a document without any text is unreadable.</summary>
    public ParsedDocument Build(string format, string? encoding, string? title, int? pageCount)
    {
        if (_blocks.Count == 0)
        {
            throw new WenjinException(
                WenjinErrorKind.UnreadableContent,
                "the document has no text; check that the file is not empty and is not a scanned image",
                "parse");
        }

        string text = _text.ToString();
        return new ParsedDocument(text, [.. _blocks])
        {
            Title = string.IsNullOrWhiteSpace(title) ? FirstHeading : CharacterNormalizer.Normalize(title),
            Format = format,
            Encoding = encoding,
            PageCount = pageCount,
            PageStarts = pageCount is int pages ? PageStarts(pages, text.Length) : [],
        };
    }

    private void AddCore(BlockKind kind, string text, int level, int? tableId, bool isHeaderRow, int? page, IReadOnlyList<PageMark> marks)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }

        int leading = text.Length - text.TrimStart().Length;
        if (_blocks.Count > 0)
        {
            DocumentBlock previous = _blocks[^1];
            bool tight = (previous.Kind == BlockKind.TableRow && kind == BlockKind.TableRow && previous.TableId == tableId)
                || (previous.Kind == BlockKind.ListItem && kind == BlockKind.ListItem);
            _text.Append(tight ? "\n" : "\n\n");
        }

        int start = _text.Length;
        _text.Append(trimmed);
        _blocks.Add(new DocumentBlock(kind, start, _text.Length)
        {
            Page = page,
            Level = kind == BlockKind.Heading ? Math.Clamp(level, 1, 6) : 0,
            TableId = kind == BlockKind.TableRow ? tableId : null,
            IsHeaderRow = kind == BlockKind.TableRow && isHeaderRow,
        });

        if (kind == BlockKind.Heading)
        {
            FirstHeading ??= trimmed;
        }

        if (page is int p)
        {
            _pageStarts.TryAdd(p, start);
        }

        foreach (PageMark mark in marks)
        {
            int offset = Math.Clamp(start + mark.Offset - leading, start, _text.Length);
            _pageStarts.TryAdd(mark.Page, offset);
        }
    }

    /// <summary>Start of every page; a page without text of its own starts where the next page with text starts.</summary>
    private int[] PageStarts(int pages, int textLength)
    {
        var starts = new int[pages];
        int next = textLength;
        for (int page = pages; page >= 1; page--)
        {
            if (_pageStarts.TryGetValue(page, out int start) && start <= next)
            {
                next = start;
            }

            starts[page - 1] = next;
        }

        starts[0] = 0;
        return starts;
    }
}
