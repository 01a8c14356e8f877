using Wenjin.Documents;

namespace Wenjin.Storage;

/// <summary>
/// The uploaded files of documents that came through the ingestion queue (the queue keeps a job's content as its
/// document's original when the job completes; documents ingested from paths by the command line have none). An
/// original goes with its document.
/// </summary>
public interface IOriginalStore
{
    /// <summary>The original of a document, or null when there is none; NotFound for an unknown knowledge base.</summary>
    DocumentOriginal? GetOriginal(string kb, string docId);
}
