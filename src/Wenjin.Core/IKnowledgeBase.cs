using Wenjin.Answers;
using Wenjin.Briefs;
using Wenjin.Conversations;
using Wenjin.Documents;
using Wenjin.Evaluation;
using Wenjin.Extraction;
using Wenjin.Ingestion;
using Wenjin.Search;
using Wenjin.Storage;

namespace Wenjin;

/// <summary>
/// The one façade over Wenjin: every host (CLI, server) calls this and nothing below it. Knowledge bases are addressed
/// by name; an unknown name throws WenjinException(NotFound), misuse throws WenjinException(InvalidInput).
/// </summary>
public interface IKnowledgeBase
{
    Task<KnowledgeBaseInfo> CreateAsync(string name, string? description, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync(CancellationToken cancellationToken = default);

    Task<KnowledgeBaseInfo> GetAsync(string name, CancellationToken cancellationToken = default);

    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ingests files and folders (recursively), creating the knowledge base when it does not exist. Each document is
    /// written atomically and reported done only after its commit; a bad document is recorded as failed and the batch goes on.
    /// </summary>
    Task<IngestSummary> IngestPathsAsync(string kb, IReadOnlyList<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Ingests in-memory sources (uploads); .jsonl sources expand to one document per record.</summary>
    Task<IngestSummary> IngestAsync(string kb, IEnumerable<DocumentSource> sources, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the sources (type, size) and puts them in the durable ingestion queue, all or none, creating the knowledge
    /// base when it does not exist. A background worker (<c>KnowledgeBaseService.RunIngestQueueAsync</c>) ingests them.
    /// Throws UnsupportedFormat or TooLarge naming the offending file, before anything is queued.
    /// </summary>
    Task<IReadOnlyList<QueuedDocument>> EnqueueAsync(string kb, IReadOnlyList<DocumentSource> sources, CancellationToken cancellationToken = default);

    /// <summary>Stored documents and those still in the queue (with their queue status), newest first.</summary>
    Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string kb, CancellationToken cancellationToken = default);

    /// <summary>One document (stored or queued); NotFound when neither.</summary>
    Task<DocumentInfo> GetDocumentAsync(string kb, string docId, CancellationToken cancellationToken = default);

    /// <summary>A stored document's extracted text and chunk spans; NotFound when it has none (unknown, queued or failed).</summary>
    Task<DocumentContent> GetDocumentContentAsync(string kb, string docId, CancellationToken cancellationToken = default);

    /// <summary>The file a document was uploaded as; NotFound when the document is unknown or has none kept (ingested from a path).</summary>
    Task<DocumentOriginal> GetOriginalAsync(string kb, string docId, CancellationToken cancellationToken = default);

    /// <summary>How far the knowledge base's chunk embeddings are (all zero and no model when none is configured).</summary>
    Task<EmbeddingStatus> GetEmbeddingStatusAsync(string kb, CancellationToken cancellationToken = default);

    /// <summary>Deletes a document and drops it from the queue; NotFound when it is neither stored nor queued.</summary>
    Task DeleteDocumentAsync(string kb, string docId, CancellationToken cancellationToken = default);

    Task<SearchResult> SearchAsync(string kb, SearchRequest request, CancellationToken cancellationToken = default);

    Task<AskResult> AskAsync(string kb, string question, CancellationToken cancellationToken = default);

    /// <summary>
    /// Answers a question, possibly a follow-up in a conversation: the question is first resolved against the previous
    /// turn (see <see cref="AnswerStarted.ResolvedQuestion"/>), and with <see cref="AskRequest.Remember"/> the turn is stored.
    /// </summary>
    Task<AskResult> AskAsync(string kb, AskRequest request, CancellationToken cancellationToken = default);

    /// <summary>The same answer as <see cref="AskAsync(string, AskRequest, CancellationToken)"/>, as it is produced.</summary>
    IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string kb, AskRequest request, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(string kb, CancellationToken cancellationToken = default);

    /// <summary>NotFound when the conversation does not exist in that knowledge base.</summary>
    Task<Conversation> GetConversationAsync(string kb, string conversationId, CancellationToken cancellationToken = default);

    Task DeleteConversationAsync(string kb, string conversationId, CancellationToken cancellationToken = default);

    Task<EvalReport> EvaluateAsync(string kb, IReadOnlyList<QaItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The extraction schemas: the built-ins, then the user's schema files (DATA/schemas/NAME.schema.json).</summary>
    Task<IReadOnlyList<SchemaDescription>> ListSchemasAsync(CancellationToken cancellationToken = default);

    /// <summary>One schema; NotFound naming the known schemas otherwise.</summary>
    Task<SchemaDescription> GetSchemaAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extracts and stores one record per document, reported as each is done. Every kept value carries verbatim
    /// evidence; values the document does not back are dropped and listed. An unknown document id, or one that is not
    /// indexed, gives an outcome with an error and the others go on.
    /// </summary>
    IAsyncEnumerable<ExtractionOutcome> ExtractAsync(string kb, ExtractionRequest request, CancellationToken cancellationToken = default);

    /// <summary>The stored records of a schema (NotFound for an unknown schema), ordered by source id.</summary>
    Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(string kb, string schema, CancellationToken cancellationToken = default);

    /// <summary>A short report on a topic from the knowledge base, every sentence cited.</summary>
    Task<Brief> BriefAsync(string kb, BriefRequest request, CancellationToken cancellationToken = default);
}
