namespace Wenjin.Ingestion;

/// <summary>What an ingest run did.</summary>
public sealed record IngestSummary(int Indexed, int Unchanged, int Failed, int Chunks, long Bytes, long TextCharacters, double Seconds)
{
    public IReadOnlyList<IngestFailure> Failures { get; init; } = [];
}
