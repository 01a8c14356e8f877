using Wenjin.Documents;
using Wenjin.Errors;

namespace Wenjin.Text.Chunking;

/// <summary>
/// Cuts a document into chunks along its structure. Headings are not chunks: they form the heading path of the chunks
/// after them (a heading of level n closes open headings of level n or deeper), and no chunk spans a heading.
/// Paragraphs, list items and code of one section are packed up to TargetChars, longer blocks split at sentence ends
/// (line ends for code), consecutive chunks of a section overlapping by their last sentence(s); such a chunk's Text is
/// exactly the document text at [Start, End) and is at most MaxChars long. Table rows are chunked per table with the
/// header rows repeated (see <see cref="Chunk"/>) and never mixed with prose. Text outside every block is not chunked;
/// a document without blocks is read as paragraphs separated by blank lines (or line breaks), and a document with
/// nothing but headings has its headings chunked as paragraphs so that it stays searchable. Stateless and thread-safe.
/// </summary>
public sealed class StructureChunker : IChunker
{
    private readonly ChunkingOptions _options;
    private readonly SentenceSplitter _splitter;

    public StructureChunker()
        : this(ChunkingOptions.Default)
    {
    }

    public StructureChunker(ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TargetChars < 16 || options.MaxChars < options.TargetChars || options.OverlapChars < 0 || options.OverlapChars >= options.TargetChars)
        {
            throw WenjinException.Invalid(
                $"Chunk sizes need 16 <= target <= max and 0 <= overlap < target; got target {options.TargetChars}, max {options.MaxChars}, overlap {options.OverlapChars}.");
        }

        _options = options;
        _splitter = new SentenceSplitter(options.MaxChars);
    }

    public ChunkingOptions Options => _options;

    public IReadOnlyList<Chunk> Chunk(ParsedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string text = document.Text;
        var blocks = document.Blocks.Count > 0 ? document.Blocks : PlainTextParagraphs.Find(text);
        CheckBlocks(blocks, text.Length);

        bool headingsOnly = blocks.All(block => block.Kind == BlockKind.Heading);
        var collector = new ChunkCollector(document);
        var headings = new HeadingTrail();
        var prose = new ProseChunkPacker(text, blocks, _options, _splitter, collector);
        var tables = new TableChunkPacker(text, blocks, _options, collector);
        int i = 0;
        while (i < blocks.Count)
        {
            var block = blocks[i];
            if (block.Kind == BlockKind.TableRow)
            {
                prose.Flush();
                int runEnd = i + 1;
                while (runEnd < blocks.Count && blocks[runEnd].Kind == BlockKind.TableRow && blocks[runEnd].TableId == block.TableId)
                {
                    runEnd++;
                }

                tables.Add(i, runEnd, headings.Path);
                i = runEnd;
                continue;
            }

            if (!text.AsSpan(block.Start, block.Length).IsWhiteSpace())
            {
                if (block.Kind == BlockKind.Heading && !headingsOnly)
                {
                    prose.Flush();
                    headings.Enter(block.Level, BlockText.Heading(text, block.Start, block.End));
                }
                else
                {
                    prose.Add(i, headings.Path);
                }
            }

            i++;
        }

        prose.Flush();
        return collector.Chunks;
    }

    /// <summary>Blocks must lie inside the text, in order, without overlapping: a parser that breaks this has a bug.</summary>
    private static void CheckBlocks(IReadOnlyList<DocumentBlock> blocks, int textLength)
    {
        int previousEnd = 0;
        for (int i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Start < previousEnd || block.End < block.Start || block.End > textLength)
            {
                throw new WenjinException(
                    WenjinErrorKind.Internal,
                    $"Block {i} [{block.Start}, {block.End}) is out of order, overlaps the block before it or lies outside the text (length {textLength}).",
                    "chunk");
            }

            previousEnd = block.End;
        }
    }
}
