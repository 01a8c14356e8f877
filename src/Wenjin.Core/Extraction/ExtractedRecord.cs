namespace Wenjin.Extraction;

/// <summary>
/// One document turned into one record of a schema (CONTRACTS.md, "Extraction"). <see cref="Fields"/> maps each kept
/// field name (the schema's own, often Chinese) to its value and evidence, in schema order; a field without a kept
/// value is absent. <see cref="Dropped"/> lists the candidate values that failed validation and why;
/// <see cref="Missing"/> (an addition to the contract shape) names the required fields left without a value.
/// </summary>
public sealed record ExtractedRecord(
    string Schema,
    string DocId,
    string SourceId,
    IReadOnlyDictionary<string, FieldValue> Fields,
    IReadOnlyList<DroppedValue> Dropped,
    IReadOnlyList<string> Missing);
