using System.Collections.Concurrent;
using Wenjin.Access;
using Wenjin.Analysis;
using System.Runtime.CompilerServices;
using Wenjin.Answers;
using Wenjin.Briefs;
using Wenjin.Conversations;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Evaluation;
using Wenjin.Extraction;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Wenjin.Hosting.Embeddings;
using Wenjin.Hosting.Routing;
using Wenjin.Hosting.Access;
using Wenjin.Hosting.Answering;
using Wenjin.Hosting.Answering.Generation;
using Wenjin.Hosting.Briefs;
using Wenjin.Hosting.Extraction;
using Wenjin.Hosting.Extraction.Building;
using Wenjin.Hosting.Models;
using Wenjin.Hosting.Conversations;
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
    private readonly IIngestQueue _queue;
    private readonly IConversationStore _conversations;
    private readonly IRecordStore _records;
    private readonly IOriginalStore _originals;
    private readonly SchemaCatalog _schemas;
    private readonly RecordValidator _recordValidator;
    private readonly DocumentRecordExtractor _recordExtractor;
    private readonly RuleBriefComposer _briefs;
    private readonly AnswerVerifier _verifier;
    private readonly List<IDisposable> _owned;
    private readonly ParserRegistry _parsers;
    private readonly FollowUpResolver _followUps;
    private readonly IngestQueueWorker _worker;
    private readonly ModelRouter _router;
    private readonly IChunkVectorStore _vectors;
    private readonly KnowledgeBaseVectorIndexes _indexes;
    private readonly HybridRetriever _hybrid;
    private readonly ILogger _logger;
    private readonly ITextAnalyzer _analyzer;
    private readonly WenjinOptions _options;
    private readonly ChunkRetriever _retriever;
    private readonly AnswerExtractor _answers;
    private readonly IngestionPipeline _pipeline;
    private readonly SourceCollector _collector;
    private readonly ConcurrentDictionary<string, bool> _checked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _embeddingErrors = new(StringComparer.Ordinal);

    private KnowledgeBaseService(IKnowledgeStore store, IIngestQueue queue, IConversationStore conversations, IChunkVectorStore vectors, IRecordStore records, AccessStores access, SchemaCatalog schemas, List<IDisposable> owned, ITextAnalyzer analyzer, WenjinOptions options, ILoggerFactory? loggers)
    {
        _store = store;
        _queue = queue;
        _conversations = conversations;
        _records = records;
        _originals = access.Originals;
        Accounts = access.Accounts;
        Audit = access.Audit;
        _schemas = schemas;
        _recordValidator = new RecordValidator(ExtractionTaxonomy.Default);
        _recordExtractor = new DocumentRecordExtractor(new RuleRecordExtractor(ExtractionTaxonomy.Default));
        _briefs = new RuleBriefComposer(store, analyzer);
        _verifier = new AnswerVerifier(analyzer, options.Verification);
        _owned = owned;
        _analyzer = analyzer;
        _options = options;
        var queryAnalyzer = new QueryAnalyzer(analyzer);
        _retriever = new ChunkRetriever(store, queryAnalyzer, options.Ranking, options.Hybrid);
        _answers = new AnswerExtractor(store, _retriever, analyzer, options.Answering);
        _followUps = new FollowUpResolver(queryAnalyzer);
        _parsers = new ParserRegistry(options.Parsing with { MaxBytes = options.MaxFileBytes });
        var processor = new DocumentProcessor(store, _parsers, new StructureChunker(options.Chunking), analyzer);
        _pipeline = new IngestionPipeline(store, processor, options.IngestParallelism);
        _collector = new SourceCollector(options.MaxFileBytes);
        _worker = new IngestQueueWorker(queue, store, _pipeline, _collector, options.IngestParallelism);
        _worker.Faulted += e => IngestFaulted?.Invoke(e);
        _vectors = vectors;
        _logger = (ILogger?)loggers?.CreateLogger<KnowledgeBaseService>() ?? NullLogger.Instance;
        _router = new ModelRouter(store, vectors, _answers, _followUps, analyzer, options, loggers);
        owned.Insert(0, _router);
        _indexes = new KnowledgeBaseVectorIndexes(vectors, options.Hybrid);
        owned.Insert(0, _indexes);
        _hybrid = new HybridRetriever(_retriever, _indexes, options.Hybrid, _logger);
    }

    /// <summary>The chat model answers are generated with (unless a knowledge base has its own), or null (extractive answers).</summary>
    public string? ChatModel => _router.For(null).ChatModel;

    /// <summary>The embedding model chunks are embedded with (unless a knowledge base has its own), or null (lexical retrieval).</summary>
    public string? EmbeddingModel => _router.For(null).Embeddings?.Model;

    /// <summary>Users, groups, grants, API keys and conversation owners, in the same database as the knowledge bases.</summary>
    public IAccountStore Accounts { get; }

    /// <summary>The append-only audit log, in the same database.</summary>
    public IAuditLog Audit { get; }

    /// <summary>Raised when background ingestion hit an unexpected error (the jobs are retried or failed); for logging.</summary>
    public event Action<Exception>? IngestFaulted;

    public AnalyzerSignature Analyzer => _analyzer.Signature;

    /// <summary>
    /// Opens (creating when needed) the data directory's store. With <see cref="WenjinOptions.Chat"/> configured, answers
    /// are generated by that model and verified; <paramref name="loggers"/>, when given, logs model calls (texts at Trace only).
    /// </summary>
    public static KnowledgeBaseService Open(string dataDirectory, WenjinOptions? options = null, ILoggerFactory? loggers = null)
    {
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            throw WenjinException.Invalid("No data directory given: pass --data DIR or set WENJIN_DATA.");
        }

        Directory.CreateDirectory(dataDirectory);
        var store = SqliteKnowledgeStore.Open(Path.Combine(dataDirectory, DatabaseFileName));
        SqliteIngestQueue? queue = null;
        SqliteConversationStore? conversations = null;
        SqliteChunkVectorStore? vectors = null;
        SqliteRecordStore? records = null;
        SqliteOriginalStore? originals = null;
        SqliteAccountStore? accounts = null;
        SqliteAuditLog? audit = null;
        try
        {
            queue = SqliteIngestQueue.Open(store);
            conversations = SqliteConversationStore.Open(store);
            vectors = SqliteChunkVectorStore.Open(store);
            records = SqliteRecordStore.Open(store);
            originals = SqliteOriginalStore.Open(store);
            accounts = SqliteAccountStore.Open(store);
            audit = SqliteAuditLog.Open(store);
            options ??= WenjinOptions.Default;
            List<IDisposable> owned = [audit, accounts, originals, records, vectors, conversations, queue, store];
            var access = new AccessStores(accounts, audit, originals);
            return new KnowledgeBaseService(store, queue, conversations, vectors, records, access, SchemaCatalog.ForDataDirectory(dataDirectory), owned, ChineseAnalyzer.Shared, options, loggers);
        }
        catch
        {
            audit?.Dispose();
            accounts?.Dispose();
            originals?.Dispose();
            records?.Dispose();
            vectors?.Dispose();
            conversations?.Dispose();
            queue?.Dispose();
            store.Dispose();
            throw;
        }
    }

    /// <summary>Whether a knowledge base of that name exists.</summary>
    public bool Exists(string kb) => _store.FindKnowledgeBase(kb) is not null;

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
        _indexes.Forget(name);
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

    public Task<IReadOnlyList<QueuedDocument>> EnqueueAsync(string kb, IReadOnlyList<DocumentSource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            throw WenjinException.Invalid("No files were sent: upload one or more files.");
        }

        foreach (var source in sources)
        {
            CheckUpload(source);
        }

        EnsureForIngest(kb);
        var queued = _queue.Enqueue(kb, sources);
        _worker.Signal();
        return Task.FromResult(queued);
    }

    /// <summary>Stored documents by source id, each shown with its queue status while a new version waits or is processed.</summary>
    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string kb, CancellationToken cancellationToken = default)
    {
        Require(kb);
        var stored = _store.ListDocuments(kb);
        var jobs = LatestJobs(kb);
        if (jobs.Count == 0)
        {
            return Task.FromResult(stored);
        }

        var result = new List<DocumentInfo>(stored.Count + jobs.Count);
        foreach (var document in stored)
        {
            result.Add(jobs.Remove(document.Id, out var job) ? WithJob(document, job) : document);
        }

        result.AddRange(jobs.Values.Select(job => WithJob(null, job)));
        result.Sort((a, b) => string.CompareOrdinal(a.SourceId, b.SourceId));
        return Task.FromResult<IReadOnlyList<DocumentInfo>>(result);
    }

    public Task<DocumentInfo> GetDocumentAsync(string kb, string docId, CancellationToken cancellationToken = default)
    {
        Require(kb);
        var stored = _store.GetDocument(kb, docId);
        var job = LatestJobs(kb).GetValueOrDefault(docId);
        if (stored is null && job is null)
        {
            throw UnknownDocument(kb, docId);
        }

        return Task.FromResult(job is null ? stored! : WithJob(stored, job));
    }

    public Task<DocumentContent> GetDocumentContentAsync(string kb, string docId, CancellationToken cancellationToken = default)
    {
        Require(kb);
        var document = _store.GetDocument(kb, docId) ?? throw UnknownDocument(kb, docId);
        string text = _store.GetDocumentText(kb, docId)
            ?? throw WenjinException.NotFound($"Document '{docId}' has no indexed text ({document.Status}{(document.Error is null ? string.Empty : ": " + document.Error)}).");
        var chunks = _store.ListChunks(kb, docId);
        return Task.FromResult(new DocumentContent(document, text, chunks, PageStarts(document, chunks)));
    }

    public Task<DocumentOriginal> GetOriginalAsync(string kb, string docId, CancellationToken cancellationToken = default)
    {
        Require(kb);
        _ = _store.GetDocument(kb, docId) ?? throw UnknownDocument(kb, docId);
        var original = _originals.GetOriginal(kb, docId)
            ?? throw WenjinException.NotFound($"Document '{docId}' has no original file kept: only uploaded files are kept, not documents ingested from paths.");
        return Task.FromResult(original);
    }

    public Task DeleteDocumentAsync(string kb, string docId, CancellationToken cancellationToken = default)
    {
        Require(kb);
        bool cancelled = _queue.Cancel(kb, docId);
        bool deleted = _store.DeleteDocument(kb, docId);
        if (!cancelled && !deleted)
        {
            throw UnknownDocument(kb, docId);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs background ingestion of the queue until cancelled (the server's hosted worker calls this once).</summary>
    public Task RunIngestQueueAsync(CancellationToken cancellationToken) => _worker.RunAsync(cancellationToken);

    public async Task<SearchResult> SearchAsync(string kb, SearchRequest request, CancellationToken cancellationToken = default)
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
        var retrieval = await _hybrid.RetrieveAsync(kb, request.Query, request.Top, request.Explain, _router.For(kb), cancellationToken).ConfigureAwait(false);
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

        return new SearchResult(request.Query, Math.Round(clock.Elapsed.TotalMilliseconds, 2), hits);
    }

    /// <summary>A one-off question (not stored): generated and verified when a chat model is configured, else extracted.</summary>
    public Task<AskResult> AskAsync(string kb, string question, CancellationToken cancellationToken = default) =>
        AskAsync(kb, new AskRequest(question ?? string.Empty), cancellationToken);

    public async Task<AskResult> AskAsync(string kb, AskRequest request, CancellationToken cancellationToken = default)
    {
        await foreach (var update in AskStreamingAsync(kb, request, cancellationToken).ConfigureAwait(false))
        {
            if (update is AnswerCompleted completed)
            {
                return completed.Result;
            }
        }

        throw new WenjinException(WenjinErrorKind.Internal, "The answer stream ended without an answer.");
    }

    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string kb, AskRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Question))
        {
            throw WenjinException.Invalid("The question is empty: ask something.");
        }

        RequireCurrent(kb);
        string? conversationId = request.ConversationId;
        ConversationTurn? previous = null;
        if (conversationId is not null)
        {
            var conversation = _conversations.Get(kb, conversationId)
                ?? throw WenjinException.NotFound($"Conversation '{conversationId}' does not exist in knowledge base '{kb}' (start a new one by asking without a conversationId).");
            previous = conversation.Turns.Count == 0 ? null : conversation.Turns[^1];
        }

        string question = request.Question.Trim();
        var models = _router.For(kb);
        string resolved = models.Rewriter is null
            ? _followUps.Resolve(question, previous?.Question, previous?.ResolvedQuestion)
            : await models.Rewriter.RewriteAsync(question, previous, cancellationToken).ConfigureAwait(false);
        if (request.Remember && conversationId is null)
        {
            conversationId = _conversations.Create(kb, ConversationTitle(question));
        }

        yield return new AnswerStarted(request.Remember ? conversationId : null, resolved);

        AskResult? answer = null;
        var retrieval = await RetrieveForAnswerAsync(kb, resolved, models, cancellationToken).ConfigureAwait(false);
        if (models.Generator is not null)
        {
            await foreach (var update in models.Generator.AnswerAsync(kb, resolved, retrieval, cancellationToken).ConfigureAwait(false))
            {
                if (update is AnswerCompleted completed)
                {
                    answer = completed.Result;
                }
                else
                {
                    yield return update;
                }
            }
        }

        answer ??= _answers.Answer(kb, resolved, retrieval);
        var result = answer with
        {
            Question = question,
            TookMs = Math.Round(answer.TookMs, 2),
            ConversationId = request.Remember ? conversationId : null,
            ResolvedQuestion = request.Remember || resolved != question ? resolved : null,
        };

        if (models.Generator is null)
        {
            // An extracted answer exists whole at once; it is streamed a sentence (with its marker) at a time so that
            // a host streams every answer the same way. A generated answer was streamed as the model wrote it.
            foreach (string piece in AnswerPieces(result.Answer))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new AnswerDelta(piece);
                await Task.Yield();
            }
        }

        if (request.Remember)
        {
            _conversations.Append(kb, conversationId!, new ConversationTurn(question, resolved, result.Answer, result.Refused, result.Citations, DateTimeOffset.UtcNow));
        }

        yield return new AnswerCompleted(result);
    }

    public Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(string kb, CancellationToken cancellationToken = default)
    {
        Require(kb);
        return Task.FromResult(_conversations.List(kb));
    }

    public Task<Conversation> GetConversationAsync(string kb, string conversationId, CancellationToken cancellationToken = default)
    {
        Require(kb);
        return Task.FromResult(_conversations.Get(kb, conversationId) ?? throw UnknownConversation(kb, conversationId));
    }

    public Task DeleteConversationAsync(string kb, string conversationId, CancellationToken cancellationToken = default)
    {
        Require(kb);
        if (!_conversations.Delete(kb, conversationId))
        {
            throw UnknownConversation(kb, conversationId);
        }

        return Task.CompletedTask;
    }

    public Task<EvalReport> EvaluateAsync(string kb, IReadOnlyList<QaItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireCurrent(kb);
        var models = _router.For(kb);
        return new QaEvaluator((question, token) => AnswerOnceAsync(kb, question, models, token)).EvaluateAsync(items, progress, cancellationToken);
    }

    public Task<IReadOnlyList<SchemaDescription>> ListSchemasAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SchemaDescription>>([.. _schemas.List().Select(SchemaDescriber.Describe)]);

    public Task<SchemaDescription> GetSchemaAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(SchemaDescriber.Describe(_schemas.Get(name)));

    public async IAsyncEnumerable<ExtractionOutcome> ExtractAsync(string kb, ExtractionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireCurrent(kb);
        var schema = _schemas.Get(request.Schema);
        var model = RecordModel(kb, request.Mode);
        IReadOnlyList<string> docIds = request.DocIds
            ?? [.. _store.ListDocuments(kb).Where(d => d.Status == DocumentStatus.Indexed).OrderBy(d => d.SourceId, StringComparer.Ordinal).Select(d => d.Id)];
        var statistics = KeywordStatisticsOf(kb);
        foreach (string docId in docIds.Distinct(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = _store.GetDocument(kb, docId);
            string? text = document?.Status == DocumentStatus.Indexed ? _store.GetDocumentText(kb, docId) : null;
            if (document is null || text is null)
            {
                string why = document is null
                    ? $"there is no document '{docId}' in knowledge base '{kb}'"
                    : $"the document is {document.Status.ToString().ToLowerInvariant()}{(document.Error is null ? "" : ": " + document.Error)}; only indexed documents are extracted";
                yield return new ExtractionOutcome(docId, document?.SourceId ?? string.Empty, null, why);
                continue;
            }

            var source = new SourceDocument(document.Id, document.SourceId, text, PageStarts(document, _store.ListChunks(kb, docId))) { Title = document.Title, Url = document.Url };
            var record = await _recordExtractor.ExtractAsync(schema, source, model, statistics, cancellationToken).ConfigureAwait(false);
            if (record.ModelError is not null)
            {
                _logger.LogWarning("Extraction of {DocId} in {Kb} fell back to the rules: {Error}", docId, kb, record.ModelError);
            }

            ExtractionOutcome outcome;
            try
            {
                _records.Save(kb, record);
                outcome = new ExtractionOutcome(docId, document.SourceId, record, null);
            }
            catch (WenjinException e) when (e.Kind == WenjinErrorKind.NotFound)
            {
                // Deleted while it was being extracted: nothing is stored for it.
                outcome = new ExtractionOutcome(docId, document.SourceId, null, e.Message);
            }

            yield return outcome;
        }
    }

    public Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(string kb, string schema, CancellationToken cancellationToken = default)
    {
        Require(kb);
        _schemas.Get(schema);
        return Task.FromResult(_records.List(kb, schema));
    }

    public async Task<Brief> BriefAsync(string kb, BriefRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Topic))
        {
            throw WenjinException.Invalid("The topic is empty: say what the brief is about, e.g. \"金融领域大模型应用的主要成效\".");
        }

        if (request.MaxSentences is < 1 or > 50)
        {
            throw WenjinException.Invalid($"A brief of {request.MaxSentences} sentences cannot be written: ask for 1 to 50.");
        }

        RequireCurrent(kb);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var models = _router.For(kb);
        var writer = BriefModel(kb, request.Mode, models);
        var retrieval = await _hybrid.RetrieveAsync(kb, request.Topic, Math.Max(20, request.MaxSentences * 2), explain: false, models, cancellationToken).ConfigureAwait(false);
        string? modelError = null;
        if (writer is not null && retrieval.Chunks.Count > 0)
        {
            var (brief, error) = await writer.WriteAsync(kb, request.Topic, retrieval, request.MaxSentences, clock, cancellationToken).ConfigureAwait(false);
            if (brief is not null)
            {
                return brief;
            }

            modelError = error;
            _logger.LogWarning("The brief on {Topic} in {Kb} fell back to the rules: {Error}", request.Topic, kb, error);
        }

        return _briefs.Compose(kb, request.Topic, retrieval, request.MaxSentences, clock) with { ModelError = modelError };
    }

    private ModelRecordExtractor? RecordModel(string kb, ExtractionMode mode) =>
        ChatFor(kb, mode, _router.For(kb), "extract with the rules") is var (chat, options) && chat is not null
            ? new ModelRecordExtractor(chat, options!, _recordValidator)
            : null;

    private ModelBriefWriter? BriefModel(string kb, ExtractionMode mode, KnowledgeBaseModels models) =>
        ChatFor(kb, mode, models, "write the brief with the rules") is var (chat, options) && chat is not null
            ? new ModelBriefWriter(_store, chat, options!, _verifier)
            : null;

    /// <summary>The chat model a mode asks for: none for Rules or when none is configured; misuse for Model without one.</summary>
    private static (IChatClient? Chat, ChatModelOptions? Options) ChatFor(string kb, ExtractionMode mode, KnowledgeBaseModels models, string alternative)
    {
        if (mode == ExtractionMode.Model && models.Chat is null)
        {
            throw WenjinException.Invalid($"No chat model is configured for knowledge base '{kb}': set Wenjin:Chat:BaseUrl and Wenjin:Chat:Model, or {alternative}.");
        }

        return mode == ExtractionMode.Rules || models.ChatOptions is null ? (null, null) : (models.Chat, models.ChatOptions);
    }

    /// <summary>Chunk-level document frequencies of the knowledge base for TF-IDF keywords, each term looked up once.</summary>
    private KeywordStatistics KeywordStatisticsOf(string kb)
    {
        var frequencies = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        long chunks = _store.GetStatistics(kb, []).ChunkCount;
        return new KeywordStatistics(
            term => frequencies.GetOrAdd(term, t => _store.GetStatistics(kb, [t]).DocumentFrequency.GetValueOrDefault(t)),
            chunks);
    }

    public Task<EmbeddingStatus> GetEmbeddingStatusAsync(string kb, CancellationToken cancellationToken = default)
    {
        Require(kb);
        var state = _vectors.GetState(kb);
        string? configured = _router.For(kb).Embeddings?.Model;
        return Task.FromResult(new EmbeddingStatus(configured, state.Model, state.Dimensions, state.Model == configured ? state.Embedded : 0, state.Chunks)
        {
            LastError = _embeddingErrors.GetValueOrDefault(kb),
        });
    }

    /// <summary>
    /// Embeds the chunks of <paramref name="kb"/> that have no vector yet (resuming where an earlier run stopped),
    /// reporting progress after each stored batch. Null when the knowledge base has no embedding model.
    /// </summary>
    public async Task<EmbeddingState?> EmbedPendingAsync(string kb, IProgress<EmbeddingState>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireCurrent(kb);
        if (_router.For(kb).Embeddings is not { } embeddings)
        {
            return null;
        }

        return await embeddings.Embedder.EmbedPendingAsync(kb, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps every knowledge base with an embedding model embedded until cancelled (the server's hosted worker calls
    /// this once): looks every <paramref name="interval"/> for chunks without vectors; a failing model server is retried
    /// at the next look, with what was stored kept.
    /// </summary>
    public async Task RunEmbeddingAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (!_router.AnyEmbeddings)
        {
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var kb in _store.ListKnowledgeBases())
            {
                if (_router.For(kb.Name).Embeddings is not { } embeddings)
                {
                    continue;
                }

                var state = _vectors.GetState(kb.Name);
                if (state.Model == embeddings.Model && state.Pending == 0)
                {
                    continue;
                }

                try
                {
                    await embeddings.Embedder.EmbedPendingAsync(kb.Name, null, cancellationToken).ConfigureAwait(false);
                    _embeddingErrors.TryRemove(kb.Name, out _);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    _logger.LogWarning(e, "Embedding the chunks of knowledge base {KnowledgeBase} failed; retrying in {Interval}", kb.Name, interval);
                    _embeddingErrors[kb.Name] = e.Message;
                    EmbeddingFaulted?.Invoke(kb.Name, e);
                }
            }

            try
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Raised when background embedding of a knowledge base failed (it is retried); for logging and status.</summary>
    public event Action<string, Exception>? EmbeddingFaulted;

    private Task<Retrieval> RetrieveForAnswerAsync(string kb, string question, KnowledgeBaseModels models, CancellationToken cancellationToken) =>
        _hybrid.RetrieveAsync(kb, question, Math.Max(_answers.RetrievalDepth, models.Generator?.Passages ?? 0), explain: false, models, cancellationToken);

    private async Task<(AskResult Answer, Retrieval Retrieval)> AnswerOnceAsync(string kb, string question, KnowledgeBaseModels models, CancellationToken cancellationToken)
    {
        var retrieval = await RetrieveForAnswerAsync(kb, question, models, cancellationToken).ConfigureAwait(false);
        if (models.Generator is not null)
        {
            await foreach (var update in models.Generator.AnswerAsync(kb, question, retrieval, cancellationToken).ConfigureAwait(false))
            {
                if (update is AnswerCompleted completed)
                {
                    return (completed.Result, retrieval);
                }
            }
        }

        return (_answers.Answer(kb, question, retrieval), retrieval);
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

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>The answer cut after each citation marker and each line break, for streaming.</summary>
    internal static IEnumerable<string> AnswerPieces(string answer)
    {
        int start = 0;
        for (int i = 0; i < answer.Length; i++)
        {
            bool cut = answer[i] == '\n' || (answer[i] == ']' && i > 0 && char.IsAsciiDigit(answer[i - 1]));
            if (cut)
            {
                yield return answer[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < answer.Length)
        {
            yield return answer[start..];
        }
    }

    private static string ConversationTitle(string question) =>
        question.Length <= 60 ? question : string.Concat(question.AsSpan(0, 59), "…");

    /// <summary>
    /// Where each page starts, from the chunks: exact for a page that begins inside a chunk, the next chunk's start for
    /// one that begins between chunks (the gap holds only white space and page furniture).
    /// </summary>
    private static int[] PageStarts(DocumentInfo document, IReadOnlyList<ChunkSpan> chunks)
    {
        if (document.Pages is not int pages || pages < 1)
        {
            return [];
        }

        var starts = new int[pages];
        var known = new bool[pages];
        starts[0] = 0;
        known[0] = true;
        foreach (var chunk in chunks)
        {
            if (chunk.Page is int page && page >= 1 && page <= pages && !known[page - 1])
            {
                starts[page - 1] = chunk.Start;
                known[page - 1] = true;
            }

            int next = (chunk.Page ?? 1) + 1;
            foreach (int pageBreak in chunk.PageBreaks)
            {
                if (next >= 1 && next <= pages)
                {
                    starts[next - 1] = pageBreak;
                    known[next - 1] = true;
                }

                next++;
            }
        }

        // A page with no chunk of its own (blank, or furniture only) starts where the next known page starts.
        for (int i = pages - 1; i > 0; i--)
        {
            if (!known[i])
            {
                starts[i] = i + 1 < pages ? starts[i + 1] : (chunks.Count > 0 ? chunks[^1].End : 0);
            }
        }

        return starts;
    }

    /// <summary>The newest queue job per document of a knowledge base.</summary>
    private Dictionary<string, IngestJob> LatestJobs(string kb)
    {
        var jobs = new Dictionary<string, IngestJob>(StringComparer.Ordinal);
        foreach (var job in _queue.List(kb))
        {
            jobs[job.DocId] = job;
        }

        return jobs;
    }

    private static DocumentInfo WithJob(DocumentInfo? stored, IngestJob job) =>
        stored is null
            ? new DocumentInfo(job.DocId, job.SourceId, job.Status)
            {
                Title = Path.GetFileNameWithoutExtension(job.FileName),
                Format = Path.GetExtension(job.FileName).TrimStart('.').ToLowerInvariant(),
                Bytes = job.Bytes,
                UpdatedAt = job.UpdatedAt,
            }
            : stored with { Status = job.Status, Error = null, ErrorStage = null, Bytes = job.Bytes, UpdatedAt = job.UpdatedAt };

    private void CheckUpload(DocumentSource source)
    {
        string extension = source.Extension;
        if (extension != ParserRegistry.JsonlExtension && !_parsers.IsSupported(extension))
        {
            string what = extension.Length == 0 ? "files without an extension" : $".{extension} files";
            throw new WenjinException(
                WenjinErrorKind.UnsupportedFormat,
                $"'{source.FileName}' cannot be read: {what} are not supported. Wenjin reads {string.Join(", ", _parsers.SupportedExtensions.Select(e => "." + e))} and .jsonl.");
        }

        if (source.Content.LongLength > _options.MaxFileBytes)
        {
            throw FileTooLarge(source.FileName, source.Content.LongLength, _options.MaxFileBytes);
        }
    }

    /// <summary>The error for a file over the size limit, with both sizes in readable units.</summary>
    public static WenjinException FileTooLarge(string fileName, long bytes, long limit) =>
        new(WenjinErrorKind.TooLarge, $"'{fileName}' is {ReadableSize(bytes)}; the limit is {ReadableSize(limit)} per file.");

    private static string ReadableSize(long bytes) => bytes switch
    {
        < 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.#} MB"),
    };

    private static WenjinException UnknownDocument(string kb, string docId) =>
        WenjinException.NotFound($"Document '{docId}' does not exist in knowledge base '{kb}'.");

    private static WenjinException UnknownConversation(string kb, string conversationId) =>
        WenjinException.NotFound($"Conversation '{conversationId}' does not exist in knowledge base '{kb}'.");

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
