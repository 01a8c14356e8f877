namespace Wenjin.Bench.Extraction;

/// <summary>
/// The result of scoring extracted records against expected.jsonl: where the records came from, the model (null for
/// the model-free extractor or unknown for saved records), one report per schema, and the records that matched no
/// expected document (or repeated one).
/// </summary>
internal sealed record ExtractionReport(
    string Source,
    string? Model,
    string FreeTextScoring,
    IReadOnlyList<SchemaReport> Schemas,
    IReadOnlyList<string> IgnoredRecords);
