namespace Wenjin.Access;

/// <summary>A page of the audit log, newest first: entries with id below <see cref="Before"/> when set, filtered by the other fields when set.</summary>
public sealed record AuditQuery
{
    public long? Before { get; init; }

    public int Limit { get; init; } = 100;

    public string? Actor { get; init; }

    public string? Kb { get; init; }

    public string? Action { get; init; }
}
