namespace Wenjin.Ingestion;

public sealed record IngestFailure(string SourceId, string Stage, string Error);
