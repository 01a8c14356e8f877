using Wenjin.Storage;

namespace Wenjin.Hosting.Ingestion;

/// <summary>The outcome of processing one item: a document to store, a failure to record, or nothing (unchanged).</summary>
internal sealed record ProcessedDocument(string SourceId, long Bytes, DocumentWrite? Write, DocumentFailure? Failure)
{
    public bool Unchanged => Write is null && Failure is null;
}
