using Wenjin.Bench.Beir;
using Wenjin.Bench.Ingestion;

namespace Wenjin.Bench.Reporting;

/// <summary>
/// The contents of bench/baseline.json: the last saved Wenjin numbers, per BEIR dataset name and per ingest corpus
/// key. Saving replaces only the entries measured in that run, so datasets can be re-baselined one at a time.
/// </summary>
internal sealed record BaselineRecord
{
    public Dictionary<string, BeirEngineResult> Beir { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, IngestEngineResult> Ingest { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Sections this record does not model (the http command's), kept as they are when the file is rewritten.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement> Other { get; init; } = new(StringComparer.Ordinal);
}
