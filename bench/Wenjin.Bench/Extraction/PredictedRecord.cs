namespace Wenjin.Bench.Extraction;

/// <summary>
/// One extracted record in the shape of CONTRACTS.md ("Extraction"): schema, document, source id, fields with their
/// evidence, the dropped values and the missing required fields. <paramref name="Origin"/> says where it was read
/// (file and line) for messages.
/// </summary>
internal sealed record PredictedRecord(
    string Schema,
    string DocId,
    string SourceId,
    IReadOnlyDictionary<string, PredictedField> Fields,
    IReadOnlyList<DroppedEntry> Dropped,
    IReadOnlyList<string> Missing,
    string Origin)
{
    /// <summary>The last segment of the source id ("news-brief/nb01.txt" → "nb01.txt").</summary>
    public string SourceFileName
    {
        get
        {
            string path = SourceId.Replace('\\', '/');
            return path[(path.LastIndexOf('/') + 1)..];
        }
    }

    public PredictedField? Field(string name) => Fields.TryGetValue(name, out PredictedField? field) ? field : null;
}
