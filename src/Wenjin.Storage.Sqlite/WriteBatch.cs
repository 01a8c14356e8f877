namespace Wenjin.Storage.Sqlite;

/// <summary>An open write batch of a <see cref="SqliteKnowledgeStore"/>; disposing it commits the pending writes.</summary>
internal sealed class WriteBatch : IDisposable
{
    private readonly SqliteKnowledgeStore _store;

    public WriteBatch(SqliteKnowledgeStore store, int maxWrites)
    {
        _store = store;
        MaxWrites = maxWrites;
    }

    public int MaxWrites { get; }

    public void Dispose() => _store.EndBatch(this);
}
