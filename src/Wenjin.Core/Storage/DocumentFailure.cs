namespace Wenjin.Storage;

/// <summary>
/// A document that could not be processed. Recording it never removes an indexed earlier version of the same source:
/// the old text stays searchable and the failure is shown beside it.
/// </summary>
public sealed record DocumentFailure(string SourceId, string? ContentHash, string Error, string Stage)
{
    public string? Format { get; init; }

    public long Bytes { get; init; }
}
