namespace Wenjin.Extraction;

/// <summary>
/// What extraction did with one document: the stored <see cref="Record"/>, or the <see cref="Error"/> that kept it from
/// being extracted (for example a document that failed to ingest). One document's error never stops the others.
/// </summary>
public sealed record ExtractionOutcome(string DocId, string SourceId, StoredRecord? Record, string? Error);
