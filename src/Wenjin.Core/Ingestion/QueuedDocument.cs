namespace Wenjin.Ingestion;

/// <summary>A source accepted into the ingestion queue: durable from the moment this is returned.</summary>
public sealed record QueuedDocument(string Id, string SourceId, string FileName, long JobId);
