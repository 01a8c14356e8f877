using System.Collections.Concurrent;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// Read connections, rented one per operation so that readers run concurrently (WAL gives each a consistent
/// snapshot). The pool grows to the peak number of concurrent readers and keeps at most <see cref="MaxIdle"/> idle.
/// </summary>
internal sealed class ReaderPool : IDisposable
{
    private const int MaxIdle = 16;

    // Per reader; the writer gets a larger cache for index merges.
    private const int ReaderCacheKibibytes = 16 * 1024;

    private readonly string _connectionString;
    private readonly ConcurrentBag<StoreConnection> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public ReaderPool(string connectionString)
    {
        _connectionString = connectionString;
    }

    public StoreConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out StoreConnection? connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return StoreConnection.Open(_connectionString, ReaderCacheKibibytes);
    }

    public void Return(StoreConnection connection)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            if (!_disposed)
            {
                Interlocked.Decrement(ref _idleCount);
            }

            connection.Dispose();
            return;
        }

        _idle.Add(connection);
        if (_disposed)
        {
            // Dispose ran while this connection was being returned.
            DisposeIdle();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out StoreConnection? connection))
        {
            connection.Dispose();
        }
    }
}
