using Wenjin.Analysis;

namespace Wenjin.Storage;

/// <summary>
/// The single source of truth for knowledge bases, documents, chunks and their index. Every write is atomic (its own
/// transaction, or its own savepoint inside a group opened with BeginBatch): a reader never sees half a document. Implementations are thread-safe for concurrent readers and serialize writers.
/// Every storage backend passes the same conformance suite.
/// </summary>
public interface IKnowledgeStore : IDisposable
{
    /// <summary>Creates a knowledge base; throws Conflict when the name is taken.</summary>
    KnowledgeBaseInfo CreateKnowledgeBase(string name, string? description, AnalyzerSignature analyzer);

    KnowledgeBaseInfo? FindKnowledgeBase(string name);

    IReadOnlyList<KnowledgeBaseInfo> ListKnowledgeBases();

    /// <summary>Deletes a knowledge base and everything in it; false when it did not exist.</summary>
    bool DeleteKnowledgeBase(string name);

    /// <summary>The stored document with this source id, or null.</summary>
    DocumentInfo? FindDocumentBySource(string kb, string sourceId);

    /// <summary>Stores a processed document, atomically replacing any version with the same source id.</summary>
    DocumentInfo SaveDocument(string kb, DocumentWrite document);

    /// <summary>
    /// Groups the writes that follow into one commit, made when the returned scope is disposed (or every
    /// <paramref name="maxWrites"/> writes). Each write stays atomic on its own: one that fails leaves no trace and the
    /// group goes on. Callers acknowledge a write only after its group committed. One group at a time.
    /// </summary>
    IDisposable BeginBatch(int maxWrites);

    /// <summary>Records a failed document (see <see cref="DocumentFailure"/> for what happens to an older version).</summary>
    DocumentInfo SaveFailure(string kb, DocumentFailure failure);

    IReadOnlyList<DocumentInfo> ListDocuments(string kb);

    DocumentInfo? GetDocument(string kb, string docId);

    /// <summary>The stored extracted text of a document: the string all spans point into.</summary>
    string? GetDocumentText(string kb, string docId);

    /// <summary>The spans of a stored document's chunks in ordinal order (empty for an unknown or failed document).</summary>
    IReadOnlyList<Documents.ChunkSpan> ListChunks(string kb, string docId);

    bool DeleteDocument(string kb, string docId);

    /// <summary>
    /// Chunks matching any of <paramref name="terms"/>, best first by the store's own ranking, at most
    /// <paramref name="limit"/>. <paramref name="statistics"/>, when the caller already has them for these terms, spares
    /// the store looking document frequencies up again.
    /// </summary>
    IReadOnlyList<ChunkCandidate> FindCandidates(string kb, IReadOnlyList<QueryTerm> terms, int limit, IndexStatistics? statistics = null);

    /// <summary>
    /// The chunks stored under <paramref name="keys"/> (see <see cref="ChunkCandidate.Key"/>) in this knowledge base, in
    /// the order of <paramref name="keys"/>; keys of chunks that no longer exist (or belong to another knowledge base)
    /// are skipped. <see cref="ChunkCandidate.StoreScore"/> is 0.
    /// </summary>
    IReadOnlyList<ChunkCandidate> GetCandidates(string kb, IReadOnlyList<long> keys);

    /// <summary>Counts and document frequencies for ranking.</summary>
    IndexStatistics GetStatistics(string kb, IReadOnlyList<string> terms);
}
