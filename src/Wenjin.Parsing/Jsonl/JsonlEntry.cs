using Wenjin.Documents;

namespace Wenjin.Parsing.Jsonl;

/// <summary>
/// One line of a JSONL container: either a record as a <see cref="DocumentSource"/>, or the reason the line was
/// rejected. <see cref="LineNumber"/> is 1-based; <see cref="RecordId"/> is set when the line had a readable id.
/// </summary>
public sealed record JsonlEntry(int LineNumber)
{
    public DocumentSource? Source { get; init; }

    public string? Error { get; init; }

    public string? RecordId { get; init; }

    public bool IsValid => Source is not null;
}
