namespace Wenjin.Access;

/// <summary>
/// Users, groups, knowledge-base grants, API keys and conversation owners, stored beside the knowledge bases. Names of
/// users and groups are compared case-insensitively (ordinal). Grants disappear with their knowledge base, user or
/// group. Misuse (duplicate name, unknown user/group/knowledge base) throws WenjinException: Conflict for a taken
/// name, NotFound for an unknown one. Hashes are opaque strings here; hashing is the caller's job.
/// </summary>
public interface IAccountStore
{
    /// <summary>How many users exist (0 on a first start, when the first admin is created).</summary>
    int CountUsers();

    UserAccount CreateUser(string name, string passwordHash, SystemRole role);

    /// <summary>The user with that name and their hash, or null.</summary>
    UserCredentials? FindUser(string name);

    UserAccount? GetUser(long id);

    /// <summary>By name.</summary>
    IReadOnlyList<UserAccount> ListUsers();

    void SetPassword(string name, string passwordHash);

    void SetRole(string name, SystemRole role);

    void SetDisabled(string name, bool disabled);

    /// <summary>Deletes the user with their grants, group memberships and keys; false when unknown.</summary>
    bool DeleteUser(string name);

    UserGroup CreateGroup(string name);

    IReadOnlyList<UserGroup> ListGroups();

    void AddGroupMember(string group, string user);

    bool RemoveGroupMember(string group, string user);

    bool DeleteGroup(string name);

    /// <summary>Gives or replaces the grant of a user or group on a knowledge base.</summary>
    KnowledgeBaseGrant SetGrant(string kb, PrincipalKind kind, string principal, KnowledgeBaseRole role, bool mayDownload);

    bool RemoveGrant(string kb, PrincipalKind kind, string principal);

    /// <summary>The grants on one knowledge base (users, then groups, by name).</summary>
    IReadOnlyList<KnowledgeBaseGrant> ListGrants(string kb);

    /// <summary>Every grant that applies to a user: their own and their groups', one per (knowledge base, principal).</summary>
    IReadOnlyList<KnowledgeBaseGrant> GrantsFor(long userId);

    ApiKeyInfo CreateKey(NewApiKey key);

    /// <summary>The key with that prefix (revoked and expired ones too: the caller decides), or null.</summary>
    StoredApiKey? FindKey(string prefix);

    /// <summary>A user's keys, newest first, revoked ones included.</summary>
    IReadOnlyList<ApiKeyInfo> ListKeys(long userId);

    /// <summary>Revokes one of the user's keys; false when the user has no such key (or it is already revoked).</summary>
    bool RevokeKey(long userId, long keyId);

    /// <summary>Records that a key was used (at most a coarse timestamp: callers may call it on every request).</summary>
    void TouchKey(long keyId, DateTimeOffset at);

    /// <summary>Records who started a conversation; the first owner recorded stays.</summary>
    void SetConversationOwner(string kb, string conversationId, long userId);

    /// <summary>The id of the user who started the conversation, or null when none is recorded.</summary>
    long? ConversationOwner(string kb, string conversationId);

    /// <summary>The ids of the user's conversations in a knowledge base.</summary>
    IReadOnlySet<string> ConversationsOf(string kb, long userId);
}
