namespace Wenjin.Ingestion;

/// <summary>Progress after each document: how many are done of how many are known so far, and the last one's outcome.</summary>
public sealed record IngestProgress(int Done, int Total, long BytesDone, string SourceId, IngestOutcome Outcome);
