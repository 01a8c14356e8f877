using Wenjin.Documents;
using Wenjin.Storage;

namespace Wenjin.Ingestion;

/// <summary>
/// A durable queue of sources waiting to be ingested, kept in the same store as the documents: what Enqueue returned
/// survives a crash, and a job interrupted while being processed is handed out again after <see cref="Recover"/>.
/// Jobs of a deleted knowledge base disappear with it. Thread-safe.
/// </summary>
public interface IIngestQueue
{
    /// <summary>Queues the sources in one transaction (all or none); throws NotFound for an unknown knowledge base.</summary>
    IReadOnlyList<QueuedDocument> Enqueue(string kb, IReadOnlyList<DocumentSource> sources);

    /// <summary>
    /// Takes up to <paramref name="max"/> queued jobs, oldest first and at most one per document, marking them Parsing.
    /// Returns each job with its content; empty when nothing is queued.
    /// </summary>
    IReadOnlyList<(IngestJob Job, DocumentSource Source)> Take(int max);

    /// <summary>Moves a taken job to another in-progress status (Parsing or Indexing).</summary>
    void SetStatus(long jobId, DocumentStatus status);

    /// <summary>
    /// Puts a taken job back in the queue (its attempt stays counted), or drops it when a newer upload of the same
    /// document already waits.
    /// </summary>
    void Release(long jobId);

    /// <summary>
    /// Removes a finished job (its outcome is now the stored document), keeping its content as the document's original
    /// (<see cref="Storage.IOriginalStore"/>) when the document exists; false when the job no longer existed (the
    /// document was deleted or its knowledge base removed while it was processed).
    /// </summary>
    bool Complete(long jobId);

    /// <summary>Jobs still in the queue for a knowledge base, oldest first (content not included).</summary>
    IReadOnlyList<IngestJob> List(string kb);

    /// <summary>Drops the queued or running jobs of one document; false when there were none.</summary>
    bool Cancel(string kb, string docId);

    /// <summary>
    /// Puts jobs that were being processed when the process stopped back in the queue (dropping those a newer upload of
    /// the same document supersedes); returns how many jobs it touched.
    /// </summary>
    int Recover();
}
