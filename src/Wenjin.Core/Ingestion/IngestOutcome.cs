namespace Wenjin.Ingestion;

public enum IngestOutcome
{
    /// <summary>New or changed content, now indexed.</summary>
    Indexed,

    /// <summary>The same content was already indexed; nothing was written.</summary>
    Unchanged,

    /// <summary>The document could not be processed; stored as failed with its error.</summary>
    Failed,
}
