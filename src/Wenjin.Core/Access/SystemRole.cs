namespace Wenjin.Access;

/// <summary>A user's role on the whole server. Admins manage users, groups and every knowledge base and read the audit log.</summary>
public enum SystemRole
{
    /// <summary>Sees only the knowledge bases granted to them (or their groups) and may create new ones, which they then own.</summary>
    Member,

    Admin,
}
