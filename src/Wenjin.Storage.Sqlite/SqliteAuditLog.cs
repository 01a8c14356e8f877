using Microsoft.Data.Sqlite;
using Wenjin.Access;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// The <see cref="IAuditLog"/> in the knowledge store's SQLite file (table audit_log). Entries name their actor and
/// knowledge base as text, with no foreign keys, so deleting a user or knowledge base leaves the entries about it; the
/// table's triggers make any UPDATE or DELETE fail, whoever issues it.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IDisposable
{
    /// <summary>The largest page <see cref="List"/> returns, whatever the query asks for.</summary>
    public const int MaxLimit = 1000;

    private const string EntryColumns = "id, at, actor, key_name, action, kb, doc_id, detail, remote, status";

    private readonly SerialConnection _connection;

    private SqliteAuditLog(SerialConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens the audit log of <paramref name="store"/>'s database.</summary>
    public static SqliteAuditLog Open(SqliteKnowledgeStore store) => new(SerialConnection.Open(store));

    /// <summary>
    /// Appends the entry and returns it with its id and with <see cref="AuditEntry.At"/> cut to the millisecond the
    /// log keeps, so the returned entry equals the one <see cref="List"/> returns later.
    /// </summary>
    public AuditEntry Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(entry.Actor);
        ArgumentNullException.ThrowIfNull(entry.Action);
        long at = entry.At.ToUnixTimeMilliseconds();
        long id = _connection.Run((connection, transaction) =>
        {
            SqliteCommand insert = connection.Command(
                """
                INSERT INTO audit_log (at, actor, key_name, action, kb, doc_id, detail, remote, status)
                VALUES ($at, $actor, $key, $action, $kb, $doc, $detail, $remote, $status) RETURNING id
                """,
                transaction,
                "$at", "$actor", "$key", "$action", "$kb", "$doc", "$detail", "$remote", "$status");
            insert.Parameters[0].Value = at;
            insert.Parameters[1].Value = entry.Actor;
            insert.Parameters[2].Value = (object?)entry.Key ?? DBNull.Value;
            insert.Parameters[3].Value = entry.Action;
            insert.Parameters[4].Value = (object?)entry.Kb ?? DBNull.Value;
            insert.Parameters[5].Value = (object?)entry.DocId ?? DBNull.Value;
            insert.Parameters[6].Value = (object?)entry.Detail ?? DBNull.Value;
            insert.Parameters[7].Value = (object?)entry.Remote ?? DBNull.Value;
            insert.Parameters[8].Value = entry.Status;
            return (long)insert.ExecuteScalar()!;
        });
        return entry with { Id = id, At = DateTimeOffset.FromUnixTimeMilliseconds(at) };
    }

    /// <summary>
    /// Newest first: entries with id below <see cref="AuditQuery.Before"/> when set, equal (ordinal) to each of
    /// Actor, Kb and Action that is set; at most <see cref="AuditQuery.Limit"/> entries, clamped to 1..<see cref="MaxLimit"/>.
    /// Only the filters that are set appear in the SQL, so a filter on actor, knowledge base or action walks its index.
    /// </summary>
    public IReadOnlyList<AuditEntry> List(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new List<string>(4);
        var names = new List<string>(5);
        var values = new List<object>(5);
        if (query.Before is long before)
        {
            Add("id < $before", "$before", before);
        }

        if (query.Actor is string actor)
        {
            Add("actor = $actor", "$actor", actor);
        }

        if (query.Kb is string kb)
        {
            Add("kb = $kb", "$kb", kb);
        }

        if (query.Action is string action)
        {
            Add("action = $action", "$action", action);
        }

        names.Add("$limit");
        values.Add(Math.Clamp(query.Limit, 1, MaxLimit));
        string where = conditions.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", conditions);
        string sql = $"SELECT {EntryColumns} FROM audit_log{where} ORDER BY id DESC LIMIT $limit";

        return _connection.Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command(sql, transaction, names.ToArray());
            for (int i = 0; i < values.Count; i++)
            {
                select.Parameters[i].Value = values[i];
            }

            using SqliteDataReader reader = select.ExecuteReader();
            var entries = new List<AuditEntry>();
            while (reader.Read())
            {
                entries.Add(new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(4))
                {
                    Id = reader.GetInt64(0),
                    Key = reader.IsDBNull(3) ? null : reader.GetString(3),
                    Kb = reader.IsDBNull(5) ? null : reader.GetString(5),
                    DocId = reader.IsDBNull(6) ? null : reader.GetString(6),
                    Detail = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Remote = reader.IsDBNull(8) ? null : reader.GetString(8),
                    Status = reader.GetInt32(9),
                });
            }

            return (IReadOnlyList<AuditEntry>)entries;
        });

        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            names.Add(name);
            values.Add(value);
        }
    }

    public void Dispose() => _connection.Dispose();
}
