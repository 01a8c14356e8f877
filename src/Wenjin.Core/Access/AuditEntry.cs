namespace Wenjin.Access;

/// <summary>
/// One line of the audit log: who (<see cref="Actor"/>, and the key's name when an API key was used) did what
/// (<see cref="Action"/>, e.g. "document.upload", "auth.login.failed") to which knowledge base / document, from where,
/// with which HTTP status. Entries are only ever appended.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action)
{
    /// <summary>Assigned by the log: increasing, so "newer than id N" pages through it.</summary>
    public long Id { get; init; }

    public string? Key { get; init; }

    public string? Kb { get; init; }

    public string? DocId { get; init; }

    /// <summary>A short free text: the user created, the role granted, the file name uploaded.</summary>
    public string? Detail { get; init; }

    /// <summary>The client address as the server saw it.</summary>
    public string? Remote { get; init; }

    public int Status { get; init; }
}
