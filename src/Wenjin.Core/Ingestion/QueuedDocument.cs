namespace Wenjin.Ingestion;

/// <summary>
/// A source accepted into the ingestion queue: durable from the moment this is returned. <see cref="Id"/> is the id of
/// the document it becomes, except for a record container (.jsonl, <see cref="ExpandsToRecords"/>), which becomes one
/// document per record and has no document of its own.
/// </summary>
public sealed record QueuedDocument(string Id, string SourceId, string FileName, long JobId)
{
    public bool ExpandsToRecords { get; init; }
}
