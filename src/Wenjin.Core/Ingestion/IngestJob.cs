using Wenjin.Storage;

namespace Wenjin.Ingestion;

/// <summary>
/// A document waiting in (or taken from) the ingestion queue. <see cref="DocId"/> is the id the document will have
/// once stored (ids depend only on the knowledge base and the source id), so its status URL exists from the start.
/// <see cref="Status"/> is Queued, Parsing or Indexing; a finished job leaves the queue.
/// </summary>
public sealed record IngestJob(long Id, string Kb, string DocId, string SourceId, string FileName, long Bytes, DocumentStatus Status)
{
    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Times the job was taken; above one means an earlier attempt was interrupted (crash, restart).</summary>
    public int Attempts { get; init; }
}
