namespace Wenjin.Storage;

/// <summary>
/// Where a document is in its life. The store itself writes only Indexed or Failed; Queued, Parsing and Indexing are
/// the states of a document waiting in or taken from the ingestion queue (the server's background ingestion).
/// Pending is what the command line reports for any of those three.
/// </summary>
public enum DocumentStatus
{
    Pending,
    Indexed,
    Failed,
    Queued,
    Parsing,
    Indexing,
}
