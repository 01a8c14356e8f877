using System.Collections.Concurrent;
using Wenjin.Analysis;
using System.Runtime.CompilerServices;
using Wenjin.Answers;
using Wenjin.Conversations;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Evaluation;
using Wenjin.Hosting.Answering;
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
    private readonly IDisposable[] _owned;
    private readonly ParserRegistry _parsers;
    private readonly FollowUpResolver _followUps;
    private readonly IngestQueueWorker _worker;
    private readonly ITextAnalyzer _analyzer;
    private readonly WenjinOptions _options;
    private readonly ChunkRetriever _retriever;
    private readonly AnswerExtractor _answers;
    private readonly IngestionPipeline _pipeline;
    private readonly SourceCollector _collector;
    private readonly ConcurrentDictionary<string, bool> _checked = new(StringComparer.Ordinal);

    private KnowledgeBaseService(IKnowledgeStore store, IIngestQueue queue, IConversationStore conversations, IDisposable[] owned, ITextAnalyzer analyzer, WenjinOptions options)
    {
        _store = store;
        _queue = queue;
        _conversations = conversations;
        _owned = owned;
        _analyzer = analyzer;
        _options = options;
        var queryAnalyzer = new QueryAnalyzer(analyzer);
        _retriever = new ChunkRetriever(store, queryAnalyzer, options.Ranking);
        _answers = new AnswerExtractor(store, _retriever, analyzer, options.Answering);
        _followUps = new FollowUpResolver(queryAnalyzer);
        _parsers = new ParserRegistry(ParsingLimits.Default with { MaxBytes = options.MaxFileBytes });
        var processor = new DocumentProcessor(store, _parsers, new StructureChunker(options.Chunking), analyzer);
        _pipeline = new IngestionPipeline(store, processor, options.IngestParallelism);
        _collector = new SourceCollector(options.MaxFileBytes);
        _worker = new IngestQueueWorker(queue, store, _pipeline, _collector, options.IngestParallelism);
        _worker.Faulted += e => IngestFaulted?.Invoke(e);
    }

    /// <summary>Raised when background ingestion hit an unexpected error (the jobs are retried or failed); for logging.</summary>
    public event Action<Exception>? IngestFaulted;

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
        SqliteIngestQueue? queue = null;
        try
        {
            queue = SqliteIngestQueue.Open(store);
            var conversations = SqliteConversationStore.Open(store);
            return new KnowledgeBaseService(store, queue, conversations, [conversations, queue, store], ChineseAnalyzer.Shared, options ?? WenjinOptions.Default);
        }
        catch
        {
            queue?.Dispose();
            store.Dispose();
            throw;
        }
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
        string resolved = _followUps.Resolve(question, previous?.Question, previous?.ResolvedQuestion);
        if (request.Remember && conversationId is null)
        {
            conversationId = _conversations.Create(kb, ConversationTitle(question));
        }

        yield return new AnswerStarted(request.Remember ? conversationId : null, resolved);

        var answer = _answers.Answer(kb, resolved);
        var result = answer with
        {
            Question = question,
            TookMs = Math.Round(answer.TookMs, 2),
            ConversationId = request.Remember ? conversationId : null,
            ResolvedQuestion = resolved,
        };

        // An extracted answer exists whole at once; it is streamed a sentence (with its marker) at a time so that a
        // host streams every answer the same way, generated ones included.
        foreach (string piece in AnswerPieces(result.Answer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new AnswerDelta(piece);
            await Task.Yield();
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
