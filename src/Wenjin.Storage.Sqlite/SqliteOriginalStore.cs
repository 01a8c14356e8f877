using Microsoft.Data.Sqlite;
using Wenjin.Documents;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// The <see cref="IOriginalStore"/> in the knowledge store's SQLite file (table document_originals, content in the
/// row). <see cref="SqliteIngestQueue.Complete"/> writes an original; it goes with its document by ON DELETE CASCADE
/// (deleted, replaced by a new version, or removed with its knowledge base).
/// </summary>
public sealed class SqliteOriginalStore : IOriginalStore, IDisposable
{
    private readonly SerialConnection _connection;

    private SqliteOriginalStore(SerialConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens the originals of <paramref name="store"/>'s database.</summary>
    public static SqliteOriginalStore Open(SqliteKnowledgeStore store) => new(SerialConnection.Open(store));

    /// <summary>
    /// The original of a document of <paramref name="kb"/>, or null when there is none; the join through documents
    /// keeps a document id of another knowledge base from being answered here.
    /// </summary>
    public DocumentOriginal? GetOriginal(string kb, string docId)
    {
        ArgumentNullException.ThrowIfNull(docId);
        return _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT o.file_name, o.content FROM document_originals o JOIN documents d ON d.id = o.doc_id WHERE o.doc_id = $doc AND d.kb_id = $kb",
                transaction,
                "$doc", "$kb");
            select.Parameters[0].Value = docId;
            select.Parameters[1].Value = kbId;
            using SqliteDataReader reader = select.ExecuteReader();
            return reader.Read() ? new DocumentOriginal(docId, reader.GetString(0), (byte[])reader.GetValue(1)) : null;
        });
    }

    public void Dispose() => _connection.Dispose();
}
