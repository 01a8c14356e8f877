using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Wenjin.Errors;
using Wenjin.Extraction;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// The <see cref="IRecordStore"/> in the knowledge store's SQLite file (table records). A record is kept as its JSON:
/// it is read back whole, never queried by field; filtering and counting happen where the records are shown.
/// </summary>
public sealed class SqliteRecordStore : IRecordStore, IDisposable
{
    private static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly SerialConnection _connection;

    private SqliteRecordStore(SerialConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens the records of <paramref name="store"/>'s database.</summary>
    public static SqliteRecordStore Open(SqliteKnowledgeStore store) => new(SerialConnection.Open(store));

    public void Save(string kb, StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        string json = JsonSerializer.Serialize(record.Record, RecordJson);
        _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand exists = connection.Command("SELECT 1 FROM documents WHERE id = $id AND kb_id = $kb", transaction, "$id", "$kb");
            exists.Parameters[0].Value = record.Record.DocId;
            exists.Parameters[1].Value = kbId;
            if (exists.ExecuteScalar() is null)
            {
                throw WenjinException.NotFound($"Document '{record.Record.DocId}' is not stored in knowledge base '{kb}'.");
            }

            SqliteCommand upsert = connection.Command(
                """
                INSERT OR REPLACE INTO records (kb_id, schema_name, doc_id, source_id, title, method, model_error, record, extracted_at)
                VALUES ($kb, $schema, $doc, $source, $title, $method, $error, $record, $at)
                """,
                transaction,
                "$kb", "$schema", "$doc", "$source", "$title", "$method", "$error", "$record", "$at");
            upsert.Parameters[0].Value = kbId;
            upsert.Parameters[1].Value = record.Record.Schema;
            upsert.Parameters[2].Value = record.Record.DocId;
            upsert.Parameters[3].Value = record.Record.SourceId;
            upsert.Parameters[4].Value = (object?)record.Title ?? DBNull.Value;
            upsert.Parameters[5].Value = record.Method;
            upsert.Parameters[6].Value = (object?)record.ModelError ?? DBNull.Value;
            upsert.Parameters[7].Value = json;
            upsert.Parameters[8].Value = record.ExtractedAt.ToUnixTimeMilliseconds();
            return upsert.ExecuteNonQuery();
        });
    }

    public IReadOnlyList<StoredRecord> List(string kb, string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT title, method, model_error, record, extracted_at FROM records WHERE kb_id = $kb AND schema_name = $schema ORDER BY source_id, doc_id",
                transaction,
                "$kb", "$schema");
            select.Parameters[0].Value = kbId;
            select.Parameters[1].Value = schema;
            return (IReadOnlyList<StoredRecord>)ReadAll(select);
        });
    }

    public StoredRecord? Get(string kb, string schema, string docId)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(docId);
        return _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT title, method, model_error, record, extracted_at FROM records WHERE kb_id = $kb AND schema_name = $schema AND doc_id = $doc",
                transaction,
                "$kb", "$schema", "$doc");
            select.Parameters[0].Value = kbId;
            select.Parameters[1].Value = schema;
            select.Parameters[2].Value = docId;
            return ReadAll(select).FirstOrDefault();
        });
    }

    public IReadOnlyDictionary<string, int> CountBySchema(string kb) =>
        _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT schema_name, count(*) FROM records WHERE kb_id = $kb GROUP BY schema_name ORDER BY schema_name", transaction, "$kb");
            select.Parameters[0].Value = kbId;
            using SqliteDataReader reader = select.ExecuteReader();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            while (reader.Read())
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }

            return (IReadOnlyDictionary<string, int>)counts;
        });

    public int Delete(string kb, string schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand delete = connection.Command("DELETE FROM records WHERE kb_id = $kb AND schema_name = $schema", transaction, "$kb", "$schema");
            delete.Parameters[0].Value = kbId;
            delete.Parameters[1].Value = schema;
            return delete.ExecuteNonQuery();
        });
    }

    public void Dispose() => _connection.Dispose();

    private static List<StoredRecord> ReadAll(SqliteCommand select)
    {
        using SqliteDataReader reader = select.ExecuteReader();
        var records = new List<StoredRecord>();
        while (reader.Read())
        {
            var record = JsonSerializer.Deserialize<ExtractedRecord>(reader.GetString(3), RecordJson)
                ?? throw new WenjinException(WenjinErrorKind.Internal, "A stored record is empty.");
            records.Add(new StoredRecord(record, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            {
                ModelError = reader.IsDBNull(2) ? null : reader.GetString(2),
            });
        }

        return records;
    }
}
