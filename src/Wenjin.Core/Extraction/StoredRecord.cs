namespace Wenjin.Extraction;

/// <summary>
/// A record as the knowledge base keeps it: the validated <see cref="Record"/>, the document's title when it has one,
/// how it was extracted (<see cref="ExtractionMethods"/>) and when. <see cref="ModelError"/> is set when a model was
/// configured but failed, and the record was extracted without it.
/// </summary>
public sealed record StoredRecord(ExtractedRecord Record, string? Title, string Method, DateTimeOffset ExtractedAt)
{
    public string? ModelError { get; init; }
}
