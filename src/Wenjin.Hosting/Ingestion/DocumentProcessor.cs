using System.Security.Cryptography;
using Wenjin.Analysis;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing;
using Wenjin.Storage;

namespace Wenjin.Hosting.Ingestion;

/// <summary>
/// Turns one source into what the store writes: detect and parse, chunk, analyze. Pure with respect to the store
/// except for the "already indexed with this content?" lookup, so several run in parallel while one writer stores.
/// A failure at any stage becomes a <see cref="DocumentFailure"/> naming that stage; nothing is thrown for content.
/// </summary>
internal sealed class DocumentProcessor
{
    private readonly IKnowledgeStore _store;
    private readonly ParserRegistry _parsers;
    private readonly IChunker _chunker;
    private readonly ITextAnalyzer _analyzer;

    public DocumentProcessor(IKnowledgeStore store, ParserRegistry parsers, IChunker chunker, ITextAnalyzer analyzer)
    {
        _store = store;
        _parsers = parsers;
        _chunker = chunker;
        _analyzer = analyzer;
    }

    /// <summary>Processes one item; <paramref name="parsed"/>, when given, hears the source id once parsing succeeded.</summary>
    public ProcessedDocument Process(string kb, IngestItem item, Action<string>? parsed = null)
    {
        if (item.Source is not { } source)
        {
            return new ProcessedDocument(item.SourceId, item.Bytes, null, new DocumentFailure(item.SourceId, null, item.Error ?? "Unreadable.", item.ErrorStage ?? "read") { Bytes = item.Bytes });
        }

        string hash = Convert.ToHexStringLower(SHA256.HashData(source.Content));
        var existing = _store.FindDocumentBySource(kb, source.SourceId);
        if (existing is { Status: DocumentStatus.Indexed, Error: null } && existing.ContentHash == hash)
        {
            return new ProcessedDocument(source.SourceId, item.Bytes, null, null);
        }

        string stage = "detect";
        try
        {
            _parsers.Resolve(source);
            stage = "parse";
            var document = _parsers.Parse(source);
            parsed?.Invoke(source.SourceId);
            stage = "chunk";
            var chunks = _chunker.Chunk(document);
            if (chunks.Count == 0)
            {
                throw new WenjinException(WenjinErrorKind.UnreadableContent, "The document has no text to index.", "chunk");
            }

            stage = "analyze";
            string? title = source.Title ?? document.Title ?? (item.FromFile ? Path.GetFileNameWithoutExtension(source.FileName) : null);
            var tokens = new List<AnalyzedToken>(256);
            var indexed = new IndexedChunk[chunks.Count];
            for (int i = 0; i < chunks.Count; i++)
            {
                var chunk = WithPageBreaks(chunks[i], document.PageStarts);
                var heading = chunk.HeadingPath.Count == 0 ? [] : Terms(string.Join(" / ", chunk.HeadingPath), tokens);
                indexed[i] = new IndexedChunk(chunk, heading, Terms(chunk.Text, tokens));
            }

            var write = new DocumentWrite(source.SourceId, hash, document.Text, indexed)
            {
                Title = title,
                TitleTerms = title is null ? [] : Terms(title, tokens),
                Url = source.Url,
                Format = document.Format,
                Bytes = source.Content.LongLength,
                Pages = document.PageCount,
            };
            return new ProcessedDocument(source.SourceId, item.Bytes, write, null);
        }
        catch (WenjinException e)
        {
            return Failed(source, hash, item.Bytes, e.Message, e.Stage ?? stage);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            return Failed(source, hash, item.Bytes, $"Unexpected error while reading the document ({e.GetType().Name}: {e.Message}).", stage);
        }
    }

    private static ProcessedDocument Failed(DocumentSource source, string hash, long bytes, string error, string stage) =>
        new(source.SourceId, bytes, null, new DocumentFailure(source.SourceId, hash, error, stage) { Bytes = bytes, Format = source.Extension });

    /// <summary>The chunk with the page starts that fall strictly inside its span, so every offset in it has a page.</summary>
    private static Chunk WithPageBreaks(Chunk chunk, IReadOnlyList<int> pageStarts)
    {
        if (pageStarts.Count == 0 || chunk.Page is null)
        {
            return chunk;
        }

        var breaks = pageStarts.Where(start => start > chunk.Start && start < chunk.End).ToArray();
        return breaks.Length == 0 ? chunk : chunk with { PageBreaks = breaks };
    }

    private string[] Terms(string text, List<AnalyzedToken> tokens)
    {
        tokens.Clear();
        _analyzer.Analyze(text, tokens);
        var terms = new string[tokens.Count];
        for (int i = 0; i < terms.Length; i++)
        {
            terms[i] = tokens[i].Term;
        }

        return terms;
    }
}
