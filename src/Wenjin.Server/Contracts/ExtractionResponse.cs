namespace Wenjin.Server.Contracts;

/// <summary>The answer to POST /api/kbs/{kb}/extractions: the records stored by this run and the documents that could not be extracted.</summary>
public sealed record ExtractionResponse(string Schema, IReadOnlyList<RecordEntry> Records, IReadOnlyList<ExtractionFailure> Errors);
