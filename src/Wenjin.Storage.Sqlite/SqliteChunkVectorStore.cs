using Microsoft.Data.Sqlite;
using Wenjin.Errors;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// The <see cref="IChunkVectorStore"/> in the knowledge store's SQLite file (tables kb_embeddings and chunk_vectors,
/// migration 5), on its own connection: vector writes commit in small transactions of their own, independently of an
/// ingestion batch open on the knowledge store's writer.
/// </summary>
public sealed class SqliteChunkVectorStore : IChunkVectorStore, IDisposable
{
    private readonly SerialConnection _connection;

    private SqliteChunkVectorStore(SerialConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens the chunk vectors of <paramref name="store"/>'s database.</summary>
    public static SqliteChunkVectorStore Open(SqliteKnowledgeStore store) => new(SerialConnection.Open(store));

    public EmbeddingState GetState(string kb) =>
        _connection.Read((connection, transaction) => State(connection, transaction, SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb)));

    public EmbeddingState UseModel(string kb, string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            EmbeddingState current = State(connection, transaction, kbId);
            if (current.Model == model)
            {
                return current;
            }

            if (current.Model is null)
            {
                SqliteCommand insert = connection.Command(
                    "INSERT INTO kb_embeddings (kb_id, model, changed_at) VALUES ($kb, $model, $now)",
                    transaction,
                    "$kb", "$model", "$now");
                insert.Parameters[0].Value = kbId;
                insert.Parameters[1].Value = model;
                insert.Parameters[2].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                insert.ExecuteNonQuery();
            }
            else
            {
                // The old model's vectors are stale: delete them (the trigger counts the deletions) and start over.
                SqliteCommand delete = connection.Command("DELETE FROM chunk_vectors WHERE kb_id = $kb", transaction, "$kb");
                delete.Parameters[0].Value = kbId;
                delete.ExecuteNonQuery();
                SqliteCommand update = connection.Command(
                    "UPDATE kb_embeddings SET model = $model, dimensions = 0, vectors = 0, changed_at = $now WHERE kb_id = $kb",
                    transaction,
                    "$model", "$now", "$kb");
                update.Parameters[0].Value = model;
                update.Parameters[1].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                update.Parameters[2].Value = kbId;
                update.ExecuteNonQuery();
            }

            return State(connection, transaction, kbId);
        });
    }

    public IReadOnlyList<ChunkToEmbed> ListUnembedded(string kb, long afterKey, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                """
                SELECT c.id, c.text, d.title, c.heading_path
                FROM chunks c JOIN documents d ON d.id = c.doc_id
                WHERE d.kb_id = $kb AND c.id > $after
                  AND NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.chunk_id = c.id)
                ORDER BY c.id
                LIMIT $limit
                """,
                transaction,
                "$kb", "$after", "$limit");
            select.Parameters[0].Value = kbId;
            select.Parameters[1].Value = afterKey;
            select.Parameters[2].Value = limit;
            using SqliteDataReader reader = select.ExecuteReader();
            var result = new List<ChunkToEmbed>();
            while (reader.Read())
            {
                result.Add(new ChunkToEmbed(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    TermListCodec.SplitHeadings(reader.GetString(3))));
            }

            return (IReadOnlyList<ChunkToEmbed>)result;
        });
    }

    public int SaveVectors(string kb, string model, IReadOnlyList<ChunkVector> vectors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count == 0)
        {
            return 0;
        }

        int length = vectors[0].Vector.Length;
        if (length == 0 || vectors.Any(v => v.Vector.Length != length))
        {
            throw WenjinException.Invalid($"The embedding model '{model}' returned vectors of different lengths in one batch.");
        }

        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            EmbeddingState state = State(connection, transaction, kbId);
            if (state.Model != model)
            {
                return 0;
            }

            if (state.Dimensions != 0 && state.Dimensions != length)
            {
                throw WenjinException.Invalid(
                    $"The embedding model '{model}' returned {length}-dimensional vectors, but the vectors of knowledge base '{kb}' have {state.Dimensions}. " +
                    "Set Wenjin:Embeddings:Dimensions to the model's dimension, or change the model name to re-embed.");
            }

            if (state.Dimensions == 0)
            {
                SqliteCommand dimensions = connection.Command("UPDATE kb_embeddings SET dimensions = $dimensions WHERE kb_id = $kb", transaction, "$dimensions", "$kb");
                dimensions.Parameters[0].Value = length;
                dimensions.Parameters[1].Value = kbId;
                dimensions.ExecuteNonQuery();
            }

            // A vector replaces the chunk's old one (delete, then insert: the triggers keep the counts exact); a chunk
            // that is gone (its document was replaced or deleted meanwhile) matches no row and is skipped.
            SqliteCommand delete = connection.Command("DELETE FROM chunk_vectors WHERE chunk_id = $chunk", transaction, "$chunk");
            SqliteCommand insert = connection.Command(
                """
                INSERT INTO chunk_vectors (chunk_id, kb_id, vector)
                SELECT c.id, $kb, $vector FROM chunks c JOIN documents d ON d.id = c.doc_id
                WHERE c.id = $chunk AND d.kb_id = $kb
                """,
                transaction,
                "$kb", "$vector", "$chunk");
            int stored = 0;
            foreach (ChunkVector vector in vectors)
            {
                delete.Parameters[0].Value = vector.Key;
                delete.ExecuteNonQuery();
                insert.Parameters[0].Value = kbId;
                insert.Parameters[1].Value = VectorBlobCodec.Encode(vector.Vector.Span);
                insert.Parameters[2].Value = vector.Key;
                stored += insert.ExecuteNonQuery();
            }

            return stored;
        });
    }

    public void ReadVectors(string kb, long afterSequence, ChunkVectorReader read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _connection.Read((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            int dimensions = State(connection, transaction, kbId).Dimensions;
            if (dimensions == 0)
            {
                return 0;
            }

            SqliteCommand select = connection.Command(
                "SELECT chunk_id, id, vector FROM chunk_vectors WHERE kb_id = $kb AND id > $after ORDER BY id",
                transaction,
                "$kb", "$after");
            select.Parameters[0].Value = kbId;
            select.Parameters[1].Value = afterSequence;
            using SqliteDataReader reader = select.ExecuteReader();
            var vector = new float[dimensions];
            var blob = new byte[dimensions * 2];
            while (reader.Read())
            {
                long length = reader.GetBytes(2, 0, blob, 0, blob.Length);
                if (length != blob.Length)
                {
                    throw new WenjinException(WenjinErrorKind.Internal, $"A stored vector of knowledge base '{kb}' has {length} bytes; expected {blob.Length}.");
                }

                VectorBlobCodec.Decode(blob, vector);
                read(reader.GetInt64(0), reader.GetInt64(1), vector);
            }

            return 0;
        });
    }

    public void Dispose() => _connection.Dispose();

    private static EmbeddingState State(StoreConnection connection, SqliteTransaction transaction, long kbId)
    {
        SqliteCommand select = connection.Command(
            """
            SELECT e.model, e.dimensions, e.vectors, e.sequence, e.deletions, k.chunk_count
            FROM knowledge_bases k LEFT JOIN kb_embeddings e ON e.kb_id = k.id
            WHERE k.id = $kb
            """,
            transaction,
            "$kb");
        select.Parameters[0].Value = kbId;
        using SqliteDataReader reader = select.ExecuteReader();
        reader.Read();
        long chunks = reader.GetInt64(5);
        return reader.IsDBNull(0)
            ? new EmbeddingState(null, 0, 0, chunks, 0, 0)
            : new EmbeddingState(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), chunks, reader.GetInt64(3), reader.GetInt64(4));
    }
}
