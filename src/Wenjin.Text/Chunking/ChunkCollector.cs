using Wenjin.Documents;

namespace Wenjin.Text.Chunking;

/// <summary>Numbers chunks in the order they are added and works out their pages.</summary>
internal sealed class ChunkCollector(ParsedDocument document)
{
    private readonly List<Chunk> _chunks = [];

    public IReadOnlyList<Chunk> Chunks => _chunks;

    /// <summary>Adds a prose chunk whose text is exactly the document text at [start, end).</summary>
    public void AddSpan(int start, int end, DocumentBlock firstBlock, IReadOnlyList<string> headingPath)
    {
        Add(document.Text[start..end], start, end, firstBlock, headingPath, isTable: false);
    }

    /// <summary>Adds a table chunk: <paramref name="text"/> repeats the header rows before the rows spanned by [start, end).</summary>
    public void AddTable(string text, int start, int end, DocumentBlock firstBlock, IReadOnlyList<string> headingPath)
    {
        Add(text, start, end, firstBlock, headingPath, isTable: true);
    }

    private void Add(string text, int start, int end, DocumentBlock firstBlock, IReadOnlyList<string> headingPath, bool isTable)
    {
        _chunks.Add(new Chunk(_chunks.Count, text, start, end)
        {
            Page = PageOf(start, firstBlock),
            HeadingPath = headingPath,
            IsTable = isTable,
        });
    }

    /// <summary>
    /// The block's page when the chunk starts where the block does; the page of the offset itself when the chunk starts
    /// inside a block (a later piece of a long paragraph may lie on a later page), each falling back on the other.
    /// </summary>
    private int? PageOf(int start, DocumentBlock block)
    {
        bool startsBlock = start <= block.Start || document.Text.AsSpan(block.Start, start - block.Start).IsWhiteSpace();
        return startsBlock ? block.Page ?? document.PageAt(start) : document.PageAt(start) ?? block.Page;
    }
}
