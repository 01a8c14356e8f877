using System.Collections.Concurrent;
using Wenjin.Analysis;
using Wenjin.Answers;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Evaluation;
using Wenjin.Hosting.Answering;
using Wenjin.Hosting.Evaluation;
using Wenjin.Hosting.Ingestion;
using Wenjin.Hosting.Search;
using Wenjin.Ingestion;
using Wenjin.Parsing;
using Wenjin.Search;
using Wenjin.Storage;
using Wenjin.Storage.Sqlite;
using Wenjin.Text.Analysis;
using Wenjin.Text.Chunking;

namespace Wenjin.Hosting;

/// <summary>
/// The <see cref="IKnowledgeBase"/> façade over one data directory: an embedded SQLite store, the Chinese analyzer,
/// the parsers and the chunker, each built once and shared. Thread-safe; the CLI and the server both use it.
/// </summary>
public sealed class KnowledgeBaseService : IKnowledgeBase, IDisposable
{
    /// <summary>File name of the SQLite database inside the data directory.</summary>
    public const string DatabaseFileName = "wenjin.db";

    private readonly IKnowledgeStore _store;
    private readonly ITextAnalyzer _analyzer;
    private readonly WenjinOptions _options;
    private readonly ChunkRetriever _retriever;
    private readonly AnswerExtractor _answers;
    private readonly IngestionPipeline _pipeline;
    private readonly SourceCollector _collector;
    private readonly ConcurrentDictionary<string, bool> _checked = new(StringComparer.Ordinal);

    private KnowledgeBaseService(IKnowledgeStore store, ITextAnalyzer analyzer, WenjinOptions options)
    {
        _store = store;
        _analyzer = analyzer;
        _options = options;
        _retriever = new ChunkRetriever(store, new QueryAnalyzer(analyzer), options.Ranking);
        _answers = new AnswerExtractor(store, _retriever, analyzer, options.Answering);
        var processor = new DocumentProcessor(store, new ParserRegistry(ParsingLimits.Default with { MaxBytes = options.MaxFileBytes }), new StructureChunker(options.Chunking), analyzer);
        _pipeline = new IngestionPipeline(store, processor, options.IngestParallelism);
        _collector = new SourceCollector(options.MaxFileBytes);
    }

    public AnalyzerSignature Analyzer => _analyzer.Signature;

    /// <summary>Opens (creating when needed) the data directory's store.</summary>
    public static KnowledgeBaseService Open(string dataDirectory, WenjinOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw WenjinException.Invalid("No data directory given: pass --data DIR or set WENJIN_DATA.");
        }

        Directory.CreateDirectory(dataDirectory);
        var store = SqliteKnowledgeStore.Open(Path.Combine(dataDirectory, DatabaseFileName));
        return new KnowledgeBaseService(store, ChineseAnalyzer.Shared, options ?? WenjinOptions.Default);
    }

    public Task<KnowledgeBaseInfo> CreateAsync(string name, string? description, CancellationToken cancellationToken = default) =>
        Task.FromResult(_store.CreateKnowledgeBase(name, description, _analyzer.Signature));

    public Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_store.ListKnowledgeBases());

    public Task<KnowledgeBaseInfo> GetAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Require(name));

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!_store.DeleteKnowledgeBase(name))
        {
            throw WenjinException.NotFound($"Knowledge base '{name}' does not exist (wenjin kb list shows the existing ones).");
        }

        _checked.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public Task<IngestSummary> IngestPathsAsync(string kb, IReadOnlyList<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        SourceCollector.ValidatePaths(paths);
        EnsureForIngest(kb);
        return _pipeline.RunAsync(kb, _collector.FromPaths(paths), progress, cancellationToken);
    }

    public Task<IngestSummary> IngestAsync(string kb, IEnumerable<DocumentSource> sources, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        EnsureForIngest(kb);
        return _pipeline.RunAsync(kb, _collector.FromSources(sources), progress, cancellationToken);
    }

    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string kb, CancellationToken cancellationToken = default)
    {
        Require(kb);
        return Task.FromResult(_store.ListDocuments(kb));
    }

    public Task<SearchResult> SearchAsync(string kb, SearchRequest request, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw WenjinException.Invalid("The query is empty: give some words to search for.");
        }

        if (request.Top is < 1 or > 1000)
        {
            throw WenjinException.Invalid("--top must be between 1 and 1000.");
        }

        RequireCurrent(kb);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var retrieval = _retriever.Retrieve(kb, _retriever.Analyze(request.Query), request.Top, request.Explain);
        var hits = new SearchHit[retrieval.Chunks.Count];
        for (int i = 0; i < hits.Length; i++)
        {
            var ranked = retrieval.Chunks[i];
            var c = ranked.Candidate;
            hits[i] = new SearchHit(i + 1, Math.Round(ranked.Score, 4), c.DocId, c.SourceId, c.Title, c.ChunkId, c.Text, c.Page, c.Start, c.End)
            {
                HeadingPath = c.HeadingPath,
                Explanation = ranked.Explanation,
            };
        }

        return Task.FromResult(new SearchResult(request.Query, Math.Round(clock.Elapsed.TotalMilliseconds, 2), hits));
    }

    public Task<AskResult> AskAsync(string kb, string question, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw WenjinException.Invalid("The question is empty: ask something.");
        }

        RequireCurrent(kb);
        var result = _answers.Answer(kb, question);
        return Task.FromResult(result with { TookMs = Math.Round(result.TookMs, 2) });
    }

    public Task<EvalReport> EvaluateAsync(string kb, IReadOnlyList<QaItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireCurrent(kb);
        return Task.FromResult(new QaEvaluator(_answers).Evaluate(kb, items, progress, cancellationToken));
    }

    /// <summary>
    /// What answering found for a question before deciding to answer or refuse (for diagnostics and for calibrating
    /// the refusal thresholds).
    /// </summary>
    public AnswerEvidence GatherEvidence(string kb, string question)
    {
        RequireCurrent(kb);
        return _answers.Gather(kb, question);
    }

    /// <summary>Compacts the full-text index and refreshes the query planner's statistics (after large ingests).</summary>
    public void Optimize() => (_store as SqliteKnowledgeStore)?.Optimize();

    public void Dispose() => _store.Dispose();

    private KnowledgeBaseInfo Require(string kb) =>
        _store.FindKnowledgeBase(kb) ?? throw WenjinException.NotFound($"Knowledge base '{kb}' does not exist (wenjin kb list shows the existing ones; wenjin ingest --kb {kb} creates it).");

    /// <summary>Fails with "reindex needed" when the knowledge base was indexed by another analyzer.</summary>
    private void RequireCurrent(string kb)
    {
        if (_checked.ContainsKey(kb))
        {
            return;
        }

        var info = Require(kb);
        if (info.Analyzer != _analyzer.Signature)
        {
            throw new WenjinException(
                WenjinErrorKind.ReindexNeeded,
                $"Reindex needed: knowledge base '{kb}' was indexed with analyzer {info.Analyzer}, but this Wenjin analyzes with {_analyzer.Signature}. "
                + $"Delete it (wenjin kb delete {kb}) and ingest its documents again.");
        }

        _checked[kb] = true;
    }

    private void EnsureForIngest(string kb)
    {
        if (_store.FindKnowledgeBase(kb) is null)
        {
            _store.CreateKnowledgeBase(kb, null, _analyzer.Signature);
        }

        RequireCurrent(kb);
    }
}
