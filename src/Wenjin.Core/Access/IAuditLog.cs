namespace Wenjin.Access;

/// <summary>
/// The append-only audit log. The store refuses to change or delete an entry (a database trigger, not only this
/// interface): not even deleting a knowledge base or a user removes the entries about it.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends an entry (its <see cref="AuditEntry.Id"/> is ignored) and returns it with its id.</summary>
    AuditEntry Append(AuditEntry entry);

    IReadOnlyList<AuditEntry> List(AuditQuery query);
}
