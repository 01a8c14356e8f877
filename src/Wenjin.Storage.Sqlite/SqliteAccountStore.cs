using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Wenjin.Access;
using Wenjin.Errors;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// The <see cref="IAccountStore"/> in the knowledge store's SQLite file (tables users, user_groups, group_members,
/// kb_grants, api_keys and conversation_owners). Users and groups are found by their name key, the trimmed name
/// upper-cased with the invariant culture, which makes names equal exactly when they are equal ignoring case (ordinal),
/// beyond ASCII too; the name itself is kept as first given. Memberships, grants, keys and conversation owners go with
/// what they belong to by ON DELETE CASCADE, so no delete here has to remember them.
/// <para>
/// Operations by name throw NotFound for an unknown user, group, knowledge base or conversation. Reads by user id
/// (<see cref="GetUser"/>, <see cref="GrantsFor"/>, <see cref="ListKeys"/>, <see cref="ConversationsOf"/>) return
/// null or nothing for an unknown id: the id came from an earlier read, and a user deleted since simply has nothing.
/// </para>
/// </summary>
public sealed class SqliteAccountStore : IAccountStore, IDisposable
{
    /// <summary>
    /// A key's last use is recorded only when the stored one is older than this: <see cref="TouchKey"/> runs on every
    /// request, and this keeps it a read in the common case.
    /// </summary>
    private const long TouchIntervalMilliseconds = 60_000;

    private const string UserColumns = "id, name, role, disabled, created_at";

    // Read by ReadKey, in this order.
    private const string KeyColumns =
        "k.id, u.name, k.name, k.prefix, k.created_at, k.kbs, k.read_only, k.expires_at, k.revoked_at, k.last_used_at, k.user_id, k.secret_hash";

    private static readonly JsonSerializerOptions KbsJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SerialConnection _connection;

    private SqliteAccountStore(SerialConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens the accounts of <paramref name="store"/>'s database.</summary>
    public static SqliteAccountStore Open(SqliteKnowledgeStore store) => new(SerialConnection.Open(store));

    public int CountUsers() =>
        _connection.Read((connection, transaction) =>
            Convert.ToInt32(connection.Command("SELECT count(*) FROM users", transaction).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));

    public UserAccount CreateUser(string name, string passwordHash, SystemRole role)
    {
        string trimmed = RequireName(name, "user");
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        string roleText = SystemRoleText(role);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long id = _connection.Run((connection, transaction) =>
        {
            if (FindUserId(connection, transaction, trimmed) is not null)
            {
                throw new WenjinException(WenjinErrorKind.Conflict, $"A user named '{trimmed}' already exists. Choose another name.");
            }

            SqliteCommand insert = connection.Command(
                "INSERT INTO users (name, name_key, password_hash, role, created_at) VALUES ($name, $key, $hash, $role, $now) RETURNING id",
                transaction,
                "$name", "$key", "$hash", "$role", "$now");
            insert.Parameters[0].Value = trimmed;
            insert.Parameters[1].Value = NameKey(trimmed);
            insert.Parameters[2].Value = passwordHash;
            insert.Parameters[3].Value = roleText;
            insert.Parameters[4].Value = now;
            return (long)insert.ExecuteScalar()!;
        });
        return new UserAccount(id, trimmed, role, DateTimeOffset.FromUnixTimeMilliseconds(now));
    }

    public UserCredentials? FindUser(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _connection.Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command($"SELECT {UserColumns}, password_hash FROM users WHERE name_key = $key", transaction, "$key");
            select.Parameters[0].Value = NameKey(name);
            using SqliteDataReader reader = select.ExecuteReader();
            return reader.Read() ? new UserCredentials(ReadUser(reader), reader.GetString(5)) : null;
        });
    }

    public UserAccount? GetUser(long id) =>
        _connection.Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command($"SELECT {UserColumns} FROM users WHERE id = $id", transaction, "$id");
            select.Parameters[0].Value = id;
            using SqliteDataReader reader = select.ExecuteReader();
            return reader.Read() ? ReadUser(reader) : null;
        });

    public IReadOnlyList<UserAccount> ListUsers() =>
        _connection.Read((connection, transaction) =>
        {
            using SqliteDataReader reader = connection.Command($"SELECT {UserColumns} FROM users ORDER BY name_key", transaction).ExecuteReader();
            var users = new List<UserAccount>();
            while (reader.Read())
            {
                users.Add(ReadUser(reader));
            }

            return (IReadOnlyList<UserAccount>)users;
        });

    public void SetPassword(string name, string passwordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        UpdateUser(name, "password_hash", passwordHash);
    }

    public void SetRole(string name, SystemRole role) => UpdateUser(name, "role", SystemRoleText(role));

    public void SetDisabled(string name, bool disabled) => UpdateUser(name, "disabled", disabled ? 1 : 0);

    /// <summary>Deletes the user; their grants, memberships, keys and conversation ownerships go by ON DELETE CASCADE.</summary>
    public bool DeleteUser(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _connection.Run((connection, transaction) =>
        {
            SqliteCommand delete = connection.Command("DELETE FROM users WHERE name_key = $key", transaction, "$key");
            delete.Parameters[0].Value = NameKey(name);
            return delete.ExecuteNonQuery() > 0;
        });
    }

    public UserGroup CreateGroup(string name)
    {
        string trimmed = RequireName(name, "group");
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long id = _connection.Run((connection, transaction) =>
        {
            if (FindGroupId(connection, transaction, trimmed) is not null)
            {
                throw new WenjinException(WenjinErrorKind.Conflict, $"A group named '{trimmed}' already exists. Choose another name.");
            }

            SqliteCommand insert = connection.Command(
                "INSERT INTO user_groups (name, name_key, created_at) VALUES ($name, $key, $now) RETURNING id", transaction, "$name", "$key", "$now");
            insert.Parameters[0].Value = trimmed;
            insert.Parameters[1].Value = NameKey(trimmed);
            insert.Parameters[2].Value = now;
            return (long)insert.ExecuteScalar()!;
        });
        return new UserGroup(id, trimmed, []);
    }

    /// <summary>The groups by name, each with its members' names (by name).</summary>
    public IReadOnlyList<UserGroup> ListGroups() =>
        _connection.Read((connection, transaction) =>
        {
            var members = new Dictionary<long, List<string>>();
            using (SqliteDataReader reader = connection.Command(
                "SELECT m.group_id, u.name FROM group_members m JOIN users u ON u.id = m.user_id ORDER BY u.name_key", transaction).ExecuteReader())
            {
                while (reader.Read())
                {
                    long groupId = reader.GetInt64(0);
                    if (!members.TryGetValue(groupId, out List<string>? names))
                    {
                        members[groupId] = names = [];
                    }

                    names.Add(reader.GetString(1));
                }
            }

            var groups = new List<UserGroup>();
            using (SqliteDataReader reader = connection.Command("SELECT id, name FROM user_groups ORDER BY name_key", transaction).ExecuteReader())
            {
                while (reader.Read())
                {
                    long id = reader.GetInt64(0);
                    groups.Add(new UserGroup(id, reader.GetString(1), members.TryGetValue(id, out List<string>? names) ? names : []));
                }
            }

            return (IReadOnlyList<UserGroup>)groups;
        });

    /// <summary>Adds a member; adding one who already is changes nothing.</summary>
    public void AddGroupMember(string group, string user) =>
        _connection.Run((connection, transaction) =>
        {
            long groupId = RequireGroupId(connection, transaction, group);
            long userId = RequireUserId(connection, transaction, user);
            SqliteCommand insert = connection.Command(
                "INSERT OR IGNORE INTO group_members (group_id, user_id) VALUES ($group, $user)", transaction, "$group", "$user");
            insert.Parameters[0].Value = groupId;
            insert.Parameters[1].Value = userId;
            return insert.ExecuteNonQuery();
        });

    /// <summary>Removes a member; false when the user was not one (NotFound for an unknown group or user).</summary>
    public bool RemoveGroupMember(string group, string user) =>
        _connection.Run((connection, transaction) =>
        {
            long groupId = RequireGroupId(connection, transaction, group);
            long userId = RequireUserId(connection, transaction, user);
            SqliteCommand delete = connection.Command(
                "DELETE FROM group_members WHERE group_id = $group AND user_id = $user", transaction, "$group", "$user");
            delete.Parameters[0].Value = groupId;
            delete.Parameters[1].Value = userId;
            return delete.ExecuteNonQuery() > 0;
        });

    /// <summary>Deletes the group; its memberships and grants go by ON DELETE CASCADE.</summary>
    public bool DeleteGroup(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _connection.Run((connection, transaction) =>
        {
            SqliteCommand delete = connection.Command("DELETE FROM user_groups WHERE name_key = $key", transaction, "$key");
            delete.Parameters[0].Value = NameKey(name);
            return delete.ExecuteNonQuery() > 0;
        });
    }

    public KnowledgeBaseGrant SetGrant(string kb, PrincipalKind kind, string principal, KnowledgeBaseRole role, bool mayDownload)
    {
        string roleText = KnowledgeBaseRoleText(role);
        string column = PrincipalColumn(kind);
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            (long principalId, string principalName) = RequirePrincipal(connection, transaction, kind, principal);
            SqliteCommand delete = connection.Command($"DELETE FROM kb_grants WHERE kb_id = $kb AND {column} = $principal", transaction, "$kb", "$principal");
            delete.Parameters[0].Value = kbId;
            delete.Parameters[1].Value = principalId;
            delete.ExecuteNonQuery();
            SqliteCommand insert = connection.Command(
                $"INSERT INTO kb_grants (kb_id, {column}, role, may_download) VALUES ($kb, $principal, $role, $download)",
                transaction,
                "$kb", "$principal", "$role", "$download");
            insert.Parameters[0].Value = kbId;
            insert.Parameters[1].Value = principalId;
            insert.Parameters[2].Value = roleText;
            insert.Parameters[3].Value = mayDownload ? 1 : 0;
            insert.ExecuteNonQuery();
            return new KnowledgeBaseGrant(kb, kind, principalName, role, mayDownload);
        });
    }

    /// <summary>Removes a grant; false when the principal had none on the knowledge base (NotFound for unknown names).</summary>
    public bool RemoveGrant(string kb, PrincipalKind kind, string principal)
    {
        string column = PrincipalColumn(kind);
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            (long principalId, _) = RequirePrincipal(connection, transaction, kind, principal);
            SqliteCommand delete = connection.Command($"DELETE FROM kb_grants WHERE kb_id = $kb AND {column} = $principal", transaction, "$kb", "$principal");
            delete.Parameters[0].Value = kbId;
            delete.Parameters[1].Value = principalId;
            return delete.ExecuteNonQuery() > 0;
        });
    }

    public IReadOnlyList<KnowledgeBaseGrant> ListGrants(string kb) =>
        _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                """
                SELECT k.name, 0 AS kind, u.name_key AS sort_key, u.name, g.role, g.may_download
                FROM kb_grants g JOIN knowledge_bases k ON k.id = g.kb_id JOIN users u ON u.id = g.user_id
                WHERE g.kb_id = $kb
                UNION ALL
                SELECT k.name, 1, ug.name_key, ug.name, g.role, g.may_download
                FROM kb_grants g JOIN knowledge_bases k ON k.id = g.kb_id JOIN user_groups ug ON ug.id = g.group_id
                WHERE g.kb_id = $kb
                ORDER BY kind, sort_key
                """,
                transaction,
                "$kb");
            select.Parameters[0].Value = kbId;
            return (IReadOnlyList<KnowledgeBaseGrant>)ReadGrants(select);
        });

    /// <summary>The user's own grants and those of their groups, by knowledge base name, then own before groups' and by principal name.</summary>
    public IReadOnlyList<KnowledgeBaseGrant> GrantsFor(long userId) =>
        _connection.Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command(
                """
                SELECT k.name, 0 AS kind, u.name_key AS sort_key, u.name, g.role, g.may_download
                FROM kb_grants g JOIN knowledge_bases k ON k.id = g.kb_id JOIN users u ON u.id = g.user_id
                WHERE g.user_id = $user
                UNION ALL
                SELECT k.name, 1, ug.name_key, ug.name, g.role, g.may_download
                FROM group_members m JOIN kb_grants g ON g.group_id = m.group_id
                JOIN knowledge_bases k ON k.id = g.kb_id JOIN user_groups ug ON ug.id = m.group_id
                WHERE m.user_id = $user
                ORDER BY 1, kind, sort_key
                """,
                transaction,
                "$user");
            select.Parameters[0].Value = userId;
            return (IReadOnlyList<KnowledgeBaseGrant>)ReadGrants(select);
        });

    /// <summary>
    /// Stores a new key for an existing user (NotFound otherwise). The key's name is trimmed and must not be empty; a
    /// taken prefix is a Conflict; a list of knowledge bases must name at least one, each existing (NotFound otherwise).
    /// </summary>
    public ApiKeyInfo CreateKey(NewApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string name = RequireName(key.Name, "API key");
        ArgumentException.ThrowIfNullOrEmpty(key.Prefix);
        ArgumentException.ThrowIfNullOrEmpty(key.SecretHash);
        string[]? kbs = key.Kbs?.Distinct(StringComparer.Ordinal).ToArray();
        if (kbs is { Length: 0 })
        {
            throw WenjinException.Invalid("An API key limited to knowledge bases needs at least one; leave the list out to allow all of the owner's.");
        }

        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return _connection.Run((connection, transaction) =>
        {
            string user = UserName(connection, transaction, key.UserId)
                ?? throw WenjinException.NotFound($"User {key.UserId} does not exist; create the key for an existing user.");
            foreach (string kb in kbs ?? [])
            {
                SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            }

            SqliteCommand taken = connection.Command("SELECT 1 FROM api_keys WHERE prefix = $prefix", transaction, "$prefix");
            taken.Parameters[0].Value = key.Prefix;
            if (taken.ExecuteScalar() is not null)
            {
                throw new WenjinException(WenjinErrorKind.Conflict, $"An API key with prefix '{key.Prefix}' already exists. Generate a new key.");
            }

            SqliteCommand insert = connection.Command(
                """
                INSERT INTO api_keys (user_id, name, prefix, secret_hash, kbs, read_only, created_at, expires_at)
                VALUES ($user, $name, $prefix, $hash, $kbs, $readOnly, $now, $expires) RETURNING id
                """,
                transaction,
                "$user", "$name", "$prefix", "$hash", "$kbs", "$readOnly", "$now", "$expires");
            insert.Parameters[0].Value = key.UserId;
            insert.Parameters[1].Value = name;
            insert.Parameters[2].Value = key.Prefix;
            insert.Parameters[3].Value = key.SecretHash;
            insert.Parameters[4].Value = kbs is null ? DBNull.Value : JsonSerializer.Serialize(kbs, KbsJson);
            insert.Parameters[5].Value = key.ReadOnly ? 1 : 0;
            insert.Parameters[6].Value = now;
            insert.Parameters[7].Value = key.ExpiresAt is { } expires ? expires.ToUnixTimeMilliseconds() : DBNull.Value;
            long id = (long)insert.ExecuteScalar()!;
            return new ApiKeyInfo(id, user, name, key.Prefix, DateTimeOffset.FromUnixTimeMilliseconds(now))
            {
                Kbs = kbs,
                ReadOnly = key.ReadOnly,
                ExpiresAt = key.ExpiresAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds()) : null,
            };
        });
    }

    public StoredApiKey? FindKey(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return _connection.Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command(
                $"SELECT {KeyColumns} FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.prefix = $prefix", transaction, "$prefix");
            select.Parameters[0].Value = prefix;
            using SqliteDataReader reader = select.ExecuteReader();
            return reader.Read() ? new StoredApiKey(ReadKey(reader), reader.GetInt64(10), reader.GetString(11)) : null;
        });
    }

    public IReadOnlyList<ApiKeyInfo> ListKeys(long userId) =>
        _connection.Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command(
                $"SELECT {KeyColumns} FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.user_id = $user ORDER BY k.id DESC", transaction, "$user");
            select.Parameters[0].Value = userId;
            using SqliteDataReader reader = select.ExecuteReader();
            var keys = new List<ApiKeyInfo>();
            while (reader.Read())
            {
                keys.Add(ReadKey(reader));
            }

            return (IReadOnlyList<ApiKeyInfo>)keys;
        });

    public bool RevokeKey(long userId, long keyId) =>
        _connection.Run((connection, transaction) =>
        {
            SqliteCommand update = connection.Command(
                "UPDATE api_keys SET revoked_at = $now WHERE id = $id AND user_id = $user AND revoked_at IS NULL", transaction, "$now", "$id", "$user");
            update.Parameters[0].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            update.Parameters[1].Value = keyId;
            update.Parameters[2].Value = userId;
            return update.ExecuteNonQuery() > 0;
        });

    /// <summary>
    /// Records <paramref name="at"/> as the key's last use when the recorded one is more than a minute older (never
    /// moves it back). The check is a read first, so that the common call takes no write lock and never waits behind a
    /// long ingestion transaction; an unknown key is ignored.
    /// </summary>
    public void TouchKey(long keyId, DateTimeOffset at)
    {
        long atMs = at.ToUnixTimeMilliseconds();
        bool stale = _connection.Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command(
                "SELECT 1 FROM api_keys WHERE id = $id AND (last_used_at IS NULL OR last_used_at < $before)", transaction, "$id", "$before");
            select.Parameters[0].Value = keyId;
            select.Parameters[1].Value = atMs - TouchIntervalMilliseconds;
            return select.ExecuteScalar() is not null;
        });
        if (!stale)
        {
            return;
        }

        _connection.Run((connection, transaction) =>
        {
            SqliteCommand update = connection.Command(
                "UPDATE api_keys SET last_used_at = $at WHERE id = $id AND (last_used_at IS NULL OR last_used_at < $before)",
                transaction,
                "$at", "$id", "$before");
            update.Parameters[0].Value = atMs;
            update.Parameters[1].Value = keyId;
            update.Parameters[2].Value = atMs - TouchIntervalMilliseconds;
            return update.ExecuteNonQuery();
        });
    }

    /// <summary>Records the owner unless one is recorded already; NotFound for an unknown knowledge base, conversation (in that knowledge base) or user.</summary>
    public void SetConversationOwner(string kb, string conversationId, long userId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand exists = connection.Command("SELECT 1 FROM conversations WHERE id = $id AND kb_id = $kb", transaction, "$id", "$kb");
            exists.Parameters[0].Value = conversationId;
            exists.Parameters[1].Value = kbId;
            if (exists.ExecuteScalar() is null)
            {
                throw WenjinException.NotFound($"Conversation '{conversationId}' does not exist in knowledge base '{kb}'; start the conversation first.");
            }

            if (UserName(connection, transaction, userId) is null)
            {
                throw WenjinException.NotFound($"User {userId} does not exist; only an existing user can own a conversation.");
            }

            SqliteCommand insert = connection.Command(
                "INSERT OR IGNORE INTO conversation_owners (conversation_id, user_id) VALUES ($id, $user)", transaction, "$id", "$user");
            insert.Parameters[0].Value = conversationId;
            insert.Parameters[1].Value = userId;
            return insert.ExecuteNonQuery();
        });
    }

    public long? ConversationOwner(string kb, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT o.user_id FROM conversation_owners o JOIN conversations c ON c.id = o.conversation_id WHERE o.conversation_id = $id AND c.kb_id = $kb",
                transaction,
                "$id", "$kb");
            select.Parameters[0].Value = conversationId;
            select.Parameters[1].Value = kbId;
            return select.ExecuteScalar() as long?;
        });
    }

    public IReadOnlySet<string> ConversationsOf(string kb, long userId) =>
        _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT o.conversation_id FROM conversation_owners o JOIN conversations c ON c.id = o.conversation_id WHERE o.user_id = $user AND c.kb_id = $kb",
                transaction,
                "$user", "$kb");
            select.Parameters[0].Value = userId;
            select.Parameters[1].Value = kbId;
            using SqliteDataReader reader = select.ExecuteReader();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return (IReadOnlySet<string>)ids;
        });

    public void Dispose() => _connection.Dispose();

    /// <summary>The key a user or group is found by: names equal ignoring case (ordinal) have the same key.</summary>
    private static string NameKey(string name) => name.Trim().ToUpperInvariant();

    private static string RequireName(string name, string what)
    {
        ArgumentNullException.ThrowIfNull(name);
        string trimmed = name.Trim();
        return trimmed.Length > 0 ? trimmed : throw WenjinException.Invalid($"The {what} name is empty; give the {what} a name.");
    }

    private void UpdateUser(string name, string column, object value)
    {
        ArgumentNullException.ThrowIfNull(name);
        _connection.Run((connection, transaction) =>
        {
            SqliteCommand update = connection.Command($"UPDATE users SET {column} = $value WHERE name_key = $key", transaction, "$value", "$key");
            update.Parameters[0].Value = value;
            update.Parameters[1].Value = NameKey(name);
            return update.ExecuteNonQuery() > 0 ? 0 : throw UnknownUser(name);
        });
    }

    private static WenjinException UnknownUser(string name) =>
        WenjinException.NotFound($"There is no user named '{name.Trim()}'. Check the name against the list of users.");

    private static long? FindUserId(StoreConnection connection, SqliteTransaction transaction, string name)
    {
        SqliteCommand select = connection.Command("SELECT id FROM users WHERE name_key = $key", transaction, "$key");
        select.Parameters[0].Value = NameKey(name);
        return select.ExecuteScalar() as long?;
    }

    private static long? FindGroupId(StoreConnection connection, SqliteTransaction transaction, string name)
    {
        SqliteCommand select = connection.Command("SELECT id FROM user_groups WHERE name_key = $key", transaction, "$key");
        select.Parameters[0].Value = NameKey(name);
        return select.ExecuteScalar() as long?;
    }

    private static long RequireUserId(StoreConnection connection, SqliteTransaction transaction, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FindUserId(connection, transaction, name) ?? throw UnknownUser(name);
    }

    private static long RequireGroupId(StoreConnection connection, SqliteTransaction transaction, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FindGroupId(connection, transaction, name)
            ?? throw WenjinException.NotFound($"There is no group named '{name.Trim()}'. Check the name against the list of groups.");
    }

    /// <summary>The id and stored name of the user or group named <paramref name="principal"/>; NotFound when there is none.</summary>
    private static (long Id, string Name) RequirePrincipal(StoreConnection connection, SqliteTransaction transaction, PrincipalKind kind, string principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        string table = kind == PrincipalKind.User ? "users" : "user_groups";
        SqliteCommand select = connection.Command($"SELECT id, name FROM {table} WHERE name_key = $key", transaction, "$key");
        select.Parameters[0].Value = NameKey(principal);
        using SqliteDataReader reader = select.ExecuteReader();
        if (!reader.Read())
        {
            throw kind == PrincipalKind.User
                ? UnknownUser(principal)
                : WenjinException.NotFound($"There is no group named '{principal.Trim()}'. Check the name against the list of groups.");
        }

        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static string? UserName(StoreConnection connection, SqliteTransaction transaction, long userId)
    {
        SqliteCommand select = connection.Command("SELECT name FROM users WHERE id = $id", transaction, "$id");
        select.Parameters[0].Value = userId;
        return select.ExecuteScalar() as string;
    }

    private static string PrincipalColumn(PrincipalKind kind) => kind switch
    {
        PrincipalKind.User => "user_id",
        PrincipalKind.Group => "group_id",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A grant is given to a user or a group."),
    };

    private static UserAccount ReadUser(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), ParseSystemRole(reader.GetString(2)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
        {
            Disabled = reader.GetInt64(3) != 0,
        };

    private static List<KnowledgeBaseGrant> ReadGrants(SqliteCommand select)
    {
        using SqliteDataReader reader = select.ExecuteReader();
        var grants = new List<KnowledgeBaseGrant>();
        while (reader.Read())
        {
            grants.Add(new KnowledgeBaseGrant(
                reader.GetString(0),
                reader.GetInt64(1) == 0 ? PrincipalKind.User : PrincipalKind.Group,
                reader.GetString(3),
                ParseKnowledgeBaseRole(reader.GetString(4)),
                reader.GetInt64(5) != 0));
        }

        return grants;
    }

    private static ApiKeyInfo ReadKey(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
        {
            Kbs = reader.IsDBNull(5) ? null : JsonSerializer.Deserialize<string[]>(reader.GetString(5), KbsJson),
            ReadOnly = reader.GetInt64(6) != 0,
            ExpiresAt = ReadTime(reader, 7),
            RevokedAt = ReadTime(reader, 8),
            LastUsedAt = ReadTime(reader, 9),
        };

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static string SystemRoleText(SystemRole role) => role switch
    {
        SystemRole.Admin => "admin",
        SystemRole.Member => "member",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "A user is an admin or a member."),
    };

    private static SystemRole ParseSystemRole(string role) => role switch
    {
        "admin" => SystemRole.Admin,
        "member" => SystemRole.Member,
        _ => throw new WenjinException(WenjinErrorKind.Internal, $"Unknown user role '{role}' in the database."),
    };

    private static string KnowledgeBaseRoleText(KnowledgeBaseRole role) => role switch
    {
        KnowledgeBaseRole.Owner => "owner",
        KnowledgeBaseRole.Editor => "editor",
        KnowledgeBaseRole.Viewer => "viewer",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "A grant is owner, editor or viewer."),
    };

    private static KnowledgeBaseRole ParseKnowledgeBaseRole(string role) => role switch
    {
        "owner" => KnowledgeBaseRole.Owner,
        "editor" => KnowledgeBaseRole.Editor,
        "viewer" => KnowledgeBaseRole.Viewer,
        _ => throw new WenjinException(WenjinErrorKind.Internal, $"Unknown knowledge base role '{role}' in the database."),
    };
}
