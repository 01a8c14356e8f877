using Microsoft.Data.Sqlite;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// One connection used by one caller at a time, each operation in its own IMMEDIATE transaction: for the small,
/// infrequent writes of the ingestion queue and the conversation store. Their own connection (not the knowledge store's
/// writer) means a queue write commits at once even while a long ingestion batch is open on the writer; SQLite's
/// busy_timeout makes each wait for the other's commit.
/// </summary>
internal sealed class SerialConnection : IDisposable
{
    private const int CacheKibibytes = 2 * 1024;

    private readonly Lock _lock = new();
    private readonly StoreConnection _connection;
    private bool _disposed;

    private SerialConnection(StoreConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens a connection to the database of <paramref name="store"/> (whose schema is already migrated).</summary>
    public static SerialConnection Open(SqliteKnowledgeStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = store.DatabasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
        return new SerialConnection(StoreConnection.Open(connectionString, CacheKibibytes));
    }

    /// <summary>Runs <paramref name="operation"/> in an IMMEDIATE transaction (takes the database write lock first).</summary>
    public T Run<T>(Func<StoreConnection, SqliteTransaction, T> operation) => InTransaction(operation, deferred: false);

    /// <summary>Runs <paramref name="operation"/> in a DEFERRED transaction: reads one snapshot without taking the database write lock.</summary>
    public T Read<T>(Func<StoreConnection, SqliteTransaction, T> operation) => InTransaction(operation, deferred: true);

    /// <summary>The id of the knowledge base named <paramref name="kb"/>; NotFound when there is none.</summary>
    public static long RequireKnowledgeBaseId(StoreConnection connection, SqliteTransaction transaction, string kb)
    {
        ArgumentNullException.ThrowIfNull(kb);
        SqliteCommand select = connection.Command("SELECT id FROM knowledge_bases WHERE name = $name", transaction, "$name");
        select.Parameters[0].Value = kb;
        return select.ExecuteScalar() as long? ?? throw Errors.WenjinException.NotFound($"Knowledge base '{kb}' does not exist.");
    }

    private T InTransaction<T>(Func<StoreConnection, SqliteTransaction, T> operation, bool deferred)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using SqliteTransaction transaction = _connection.Connection.BeginTransaction(deferred);
            T result = operation(_connection, transaction);
            transaction.Commit();
            return result;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _connection.Dispose();
        }
    }
}
