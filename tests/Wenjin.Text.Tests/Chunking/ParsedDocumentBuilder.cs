using System.Text;
using Wenjin.Documents;

namespace Wenjin.Text.Tests.Chunking;

/// <summary>Builds a ParsedDocument the way a parser would: blocks appended in order, each followed by a line break.</summary>
internal sealed class ParsedDocumentBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<DocumentBlock> _blocks = [];
    private readonly List<int> _pageStarts = [];
    private readonly bool _blocksCarryPages;

    /// <param name="blocksCarryPages">Whether blocks get their Page set (else only the document's PageStarts tell pages).</param>
    public ParsedDocumentBuilder(bool blocksCarryPages = true)
    {
        _blocksCarryPages = blocksCarryPages;
    }

    public ParsedDocumentBuilder Heading(int level, string text) => Add(BlockKind.Heading, text, level: level);

    public ParsedDocumentBuilder Paragraph(string text) => Add(BlockKind.Paragraph, text);

    public ParsedDocumentBuilder ListItem(string text) => Add(BlockKind.ListItem, text);

    public ParsedDocumentBuilder Code(string text) => Add(BlockKind.Code, text);

    public ParsedDocumentBuilder Row(int? tableId, string text, bool header = false) => Add(BlockKind.TableRow, text, tableId: tableId, header: header);

    /// <summary>Text between blocks that belongs to no block (a parser's separator or dropped furniture).</summary>
    public ParsedDocumentBuilder Gap(string text)
    {
        _text.Append(text);
        return this;
    }

    public ParsedDocumentBuilder NewPage()
    {
        _pageStarts.Add(_text.Length);
        return this;
    }

    /// <summary>One paragraph block whose second part lies on a new page.</summary>
    public ParsedDocumentBuilder ParagraphAcrossPages(string onThisPage, string onNextPage)
    {
        int start = _text.Length;
        int? page = CurrentPage;
        _text.Append(onThisPage);
        NewPage();
        _text.Append(onNextPage);
        _blocks.Add(new DocumentBlock(BlockKind.Paragraph, start, _text.Length) { Page = _blocksCarryPages ? page : null });
        _text.Append('\n');
        return this;
    }

    public ParsedDocument Build(string? title = null) => new(_text.ToString(), _blocks.ToArray())
    {
        Title = title,
        PageStarts = _pageStarts.ToArray(),
        PageCount = _pageStarts.Count == 0 ? null : _pageStarts.Count,
    };

    private int? CurrentPage => _pageStarts.Count == 0 ? null : _pageStarts.Count;

    private ParsedDocumentBuilder Add(BlockKind kind, string text, int level = 0, int? tableId = null, bool header = false)
    {
        int start = _text.Length;
        _text.Append(text);
        _blocks.Add(new DocumentBlock(kind, start, _text.Length)
        {
            Level = level,
            TableId = tableId,
            IsHeaderRow = header,
            Page = _blocksCarryPages ? CurrentPage : null,
        });
        _text.Append('\n');
        return this;
    }
}
