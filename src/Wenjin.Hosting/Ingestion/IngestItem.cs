using Wenjin.Documents;

namespace Wenjin.Hosting.Ingestion;

/// <summary>
/// One unit of ingestion work: a source to process, or a source that already failed before processing (unreadable
/// file, bad JSONL line), carried through the pipeline so that it is recorded like any other failure.
/// </summary>
internal sealed record IngestItem(string SourceId, DocumentSource? Source, long Bytes, string? Error, string? ErrorStage)
{
    /// <summary>True when the source is a file on disk (its name may serve as the title), false for records and uploads.</summary>
    public bool FromFile { get; init; }

    public static IngestItem Failed(string sourceId, long bytes, string error, string stage) => new(sourceId, null, bytes, error, stage);
}
