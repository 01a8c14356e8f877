using Microsoft.Data.Sqlite;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Ingestion;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// The <see cref="IIngestQueue"/> in the knowledge store's SQLite file (table ingest_jobs, content in the row). Queuing
/// a source again while an earlier version of the same document still waits replaces the waiting one: the newest
/// upload wins and a document is never processed twice in a row for nothing. A job being processed is left alone; the
/// new one waits until it is done (Take hands out at most one job per document at a time).
/// </summary>
public sealed class SqliteIngestQueue : IIngestQueue, IDisposable
{
    private const string Queued = "queued";
    private const string Parsing = "parsing";
    private const string Indexing = "indexing";

    private const string JobColumns = "j.id, k.name, j.doc_id, j.source_id, j.file_name, j.bytes, j.status, j.attempts, j.created_at, j.updated_at";

    /// <summary>A job row (unqualified ingest_jobs) for whose document a newer upload waits in the queue.</summary>
    private const string SupersededCondition =
        "EXISTS (SELECT 1 FROM ingest_jobs n WHERE n.kb_id = ingest_jobs.kb_id AND n.doc_id = ingest_jobs.doc_id AND n.status = 'queued' AND n.id > ingest_jobs.id)";

    private readonly SerialConnection _connection;

    private SqliteIngestQueue(SerialConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Opens the queue of <paramref name="store"/>'s database.</summary>
    public static SqliteIngestQueue Open(SqliteKnowledgeStore store) => new(SerialConnection.Open(store));

    public IReadOnlyList<QueuedDocument> Enqueue(string kb, IReadOnlyList<DocumentSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        foreach (var source in sources)
        {
            if (string.IsNullOrEmpty(source.SourceId))
            {
                throw WenjinException.Invalid("A queued document needs a non-empty source id.");
            }
        }

        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            var result = new List<QueuedDocument>(sources.Count);
            foreach (var source in sources)
            {
                string docId = DocumentIdentity.DocumentId(kb, source.SourceId);
                SqliteCommand superseded = connection.Command(
                    "DELETE FROM ingest_jobs WHERE kb_id = $kb AND doc_id = $doc AND status = 'queued'", transaction, "$kb", "$doc");
                superseded.Parameters[0].Value = kbId;
                superseded.Parameters[1].Value = docId;
                superseded.ExecuteNonQuery();

                SqliteCommand insert = connection.Command(
                    """
                    INSERT INTO ingest_jobs (kb_id, doc_id, source_id, file_name, bytes, status, created_at, updated_at, content)
                    VALUES ($kb, $doc, $source, $file, $bytes, 'queued', $now, $now, $content) RETURNING id
                    """,
                    transaction,
                    "$kb", "$doc", "$source", "$file", "$bytes", "$now", "$content");
                insert.Parameters[0].Value = kbId;
                insert.Parameters[1].Value = docId;
                insert.Parameters[2].Value = source.SourceId;
                insert.Parameters[3].Value = source.FileName;
                insert.Parameters[4].Value = source.Content.LongLength;
                insert.Parameters[5].Value = now;
                insert.Parameters[6].Value = source.Content;
                long id = (long)insert.ExecuteScalar()!;
                insert.Parameters[6].Value = DBNull.Value;
                result.Add(new QueuedDocument(docId, source.SourceId, source.FileName, id) { ExpandsToRecords = source.Extension == "jsonl" });
            }

            return result;
        });
    }

    public IReadOnlyList<(IngestJob Job, DocumentSource Source)> Take(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return _connection.Run((connection, transaction) =>
        {
            // Oldest queued jobs whose document is not being processed by an earlier job.
            SqliteCommand select = connection.Command(
                $"""
                SELECT {JobColumns}, j.content FROM ingest_jobs j JOIN knowledge_bases k ON k.id = j.kb_id
                WHERE j.status = 'queued'
                  AND NOT EXISTS (SELECT 1 FROM ingest_jobs r WHERE r.kb_id = j.kb_id AND r.doc_id = j.doc_id AND r.status <> 'queued')
                  AND NOT EXISTS (SELECT 1 FROM ingest_jobs n WHERE n.kb_id = j.kb_id AND n.doc_id = j.doc_id AND n.status = 'queued' AND n.id > j.id)
                ORDER BY j.id LIMIT $max
                """,
                transaction,
                "$max");
            select.Parameters[0].Value = max;
            var taken = new List<(IngestJob, DocumentSource)>();
            using (SqliteDataReader reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    var job = ReadJob(reader);
                    var source = new DocumentSource(job.SourceId, job.FileName, (byte[])reader.GetValue(10));
                    taken.Add((job with { Status = DocumentStatus.Parsing, Attempts = job.Attempts + 1, UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(now) }, source));
                }
            }

            SqliteCommand update = connection.Command(
                "UPDATE ingest_jobs SET status = 'parsing', attempts = attempts + 1, updated_at = $now WHERE id = $id", transaction, "$now", "$id");
            foreach (var (job, _) in taken)
            {
                update.Parameters[0].Value = now;
                update.Parameters[1].Value = job.Id;
                update.ExecuteNonQuery();
            }

            return (IReadOnlyList<(IngestJob, DocumentSource)>)taken;
        });
    }

    public void SetStatus(long jobId, DocumentStatus status)
    {
        string value = status switch
        {
            DocumentStatus.Parsing => Parsing,
            DocumentStatus.Indexing => Indexing,
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A job in progress is parsing or indexing."),
        };
        _connection.Run((connection, transaction) =>
        {
            SqliteCommand update = connection.Command(
                "UPDATE ingest_jobs SET status = $status, updated_at = $now WHERE id = $id", transaction, "$status", "$now", "$id");
            update.Parameters[0].Value = value;
            update.Parameters[1].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            update.Parameters[2].Value = jobId;
            return update.ExecuteNonQuery();
        });
    }

    /// <summary>Queues a taken job again, unless a newer upload of the same document waits (then the old one is dropped).</summary>
    public void Release(long jobId) =>
        _connection.Run((connection, transaction) =>
        {
            SqliteCommand superseded = connection.Command($"DELETE FROM ingest_jobs WHERE id = $id AND {SupersededCondition}", transaction, "$id");
            superseded.Parameters[0].Value = jobId;
            superseded.ExecuteNonQuery();
            SqliteCommand update = connection.Command("UPDATE ingest_jobs SET status = 'queued', updated_at = $now WHERE id = $id", transaction, "$now", "$id");
            update.Parameters[0].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            update.Parameters[1].Value = jobId;
            return update.ExecuteNonQuery();
        });

    /// <summary>
    /// Removes a finished job and any older upload of its document still waiting; false when the job was cancelled
    /// meanwhile. In the same transaction the job's content becomes its document's original (replacing an earlier one)
    /// when the document exists, unless this upload failed on top of an indexed version (an Indexed document with an
    /// error attached): the original then stays the file the indexed text came from. A .jsonl job's doc id names no
    /// document (its records are documents of their own), so it keeps nothing.
    /// </summary>
    public bool Complete(long jobId) =>
        _connection.Run((connection, transaction) =>
        {
            SqliteCommand original = connection.Command(
                """
                INSERT OR REPLACE INTO document_originals (doc_id, file_name, content, stored_at)
                SELECT doc_id, file_name, content, $now FROM ingest_jobs WHERE id = $id
                  AND EXISTS (SELECT 1 FROM documents d WHERE d.id = ingest_jobs.doc_id AND d.kb_id = ingest_jobs.kb_id
                              AND (d.status <> 'indexed' OR d.error IS NULL))
                """,
                transaction,
                "$now", "$id");
            original.Parameters[0].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            original.Parameters[1].Value = jobId;
            original.ExecuteNonQuery();
            SqliteCommand older = connection.Command(
                """
                DELETE FROM ingest_jobs WHERE status = 'queued' AND id < $id
                  AND (kb_id, doc_id) = (SELECT kb_id, doc_id FROM ingest_jobs WHERE id = $id)
                """,
                transaction,
                "$id");
            older.Parameters[0].Value = jobId;
            older.ExecuteNonQuery();
            SqliteCommand delete = connection.Command("DELETE FROM ingest_jobs WHERE id = $id", transaction, "$id");
            delete.Parameters[0].Value = jobId;
            return delete.ExecuteNonQuery() > 0;
        });

    public IReadOnlyList<IngestJob> List(string kb) =>
        _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                $"SELECT {JobColumns} FROM ingest_jobs j JOIN knowledge_bases k ON k.id = j.kb_id WHERE j.kb_id = $kb ORDER BY j.id",
                transaction,
                "$kb");
            select.Parameters[0].Value = kbId;
            using SqliteDataReader reader = select.ExecuteReader();
            var jobs = new List<IngestJob>();
            while (reader.Read())
            {
                jobs.Add(ReadJob(reader));
            }

            return (IReadOnlyList<IngestJob>)jobs;
        });

    public bool Cancel(string kb, string docId)
    {
        ArgumentNullException.ThrowIfNull(docId);
        return _connection.Run((connection, transaction) =>
        {
            long kbId = SerialConnection.RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand delete = connection.Command("DELETE FROM ingest_jobs WHERE kb_id = $kb AND doc_id = $doc", transaction, "$kb", "$doc");
            delete.Parameters[0].Value = kbId;
            delete.Parameters[1].Value = docId;
            return delete.ExecuteNonQuery() > 0;
        });
    }

    public int Recover() =>
        _connection.Run((connection, transaction) =>
        {
            SqliteCommand superseded = connection.Command($"DELETE FROM ingest_jobs WHERE status <> 'queued' AND {SupersededCondition}", transaction);
            int dropped = superseded.ExecuteNonQuery();
            SqliteCommand update = connection.Command(
                "UPDATE ingest_jobs SET status = 'queued', updated_at = $now WHERE status <> 'queued'", transaction, "$now");
            update.Parameters[0].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            return dropped + update.ExecuteNonQuery();
        });

    public void Dispose() => _connection.Dispose();

    private static IngestJob ReadJob(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), ParseStatus(reader.GetString(6)))
        {
            Attempts = reader.GetInt32(7),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
        };

    private static DocumentStatus ParseStatus(string status) => status switch
    {
        Queued => DocumentStatus.Queued,
        Parsing => DocumentStatus.Parsing,
        Indexing => DocumentStatus.Indexing,
        _ => throw new WenjinException(WenjinErrorKind.Internal, $"Unknown ingestion job status '{status}' in the database."),
    };
}
