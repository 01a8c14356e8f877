using Microsoft.Data.Sqlite;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// One open SQLite connection with its prepared commands. A command is prepared once per SQL text and reused with new
/// parameter values, so hot statements (chunk and index inserts) are compiled once per connection. Not thread-safe:
/// a connection is used by one caller at a time (the writer under the write lock, readers rented from the pool).
/// </summary>
internal sealed class StoreConnection : IDisposable
{
    // Bounds the cache when many knowledge bases (each with its own index table names) are queried on one connection.
    private const int MaxCachedCommands = 256;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    private StoreConnection(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Opens a connection and applies the per-connection settings every Wenjin connection runs with.</summary>
    public static StoreConnection Open(string connectionString, int cacheKibibytes)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var store = new StoreConnection(connection);
            // WAL lets readers run while the writer writes; NORMAL sync is durable across application crashes and
            // only risks the last transactions on power loss, which a re-ingest repairs.
            store.ExecuteNonQuery(
                $"""
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = 10000;
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -{cacheKibibytes};
                """);
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The cached command for <paramref name="sql"/>, bound to <paramref name="transaction"/>, with one parameter per
    /// name in <paramref name="parameterNames"/> (created on first use; callers set values by index).
    /// </summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction, params ReadOnlySpan<string> parameterNames)
    {
        if (!_commands.TryGetValue(sql, out SqliteCommand? command))
        {
            if (_commands.Count >= MaxCachedCommands)
            {
                ClearCommands();
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in parameterNames)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            _commands.Add(sql, command);
        }

        command.Transaction = transaction;
        return command;
    }

    /// <summary>Runs SQL that takes no parameters, outside the command cache (schema changes, pragmas).</summary>
    public void ExecuteNonQuery(string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>Drops cached commands, e.g. after tables they reference were dropped.</summary>
    public void ClearCommands()
    {
        foreach (SqliteCommand command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    public void Dispose()
    {
        ClearCommands();
        Connection.Dispose();
    }
}
