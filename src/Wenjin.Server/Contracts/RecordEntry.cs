using Wenjin.Extraction;

namespace Wenjin.Server.Contracts;

/// <summary>
/// A stored record as the HTTP API shows it: which document, its title, how and when it was extracted, and the record
/// itself in the CONTRACTS.md shape ({"schema", "docId", "sourceId", "fields", "dropped", "missing"}).
/// </summary>
public sealed record RecordEntry(string DocId, string SourceId, string? Title, string Method, string? ModelError, DateTimeOffset ExtractedAt, ExtractedRecord Record)
{
    public static RecordEntry From(StoredRecord stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new RecordEntry(stored.Record.DocId, stored.Record.SourceId, stored.Title, stored.Method, stored.ModelError, stored.ExtractedAt, stored.Record);
    }
}
