using System.Text;
using Microsoft.Data.Sqlite;
using Wenjin.Analysis;
using Wenjin.Errors;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// An <see cref="IKnowledgeStore"/> in one SQLite file: the single source of truth for knowledge bases, documents,
/// their extracted texts, chunks and a per-knowledge-base FTS5 index over the analyzed terms.
/// <para>
/// Thread-safe. Writers are serialized by a lock and each write is one IMMEDIATE transaction on the single writer
/// connection; readers rent their own connections and run concurrently with each other and with the writer (WAL),
/// each operation reading one consistent snapshot. Other processes may open the same file; busy_timeout makes them wait.
/// </para>
/// <para>
/// Every knowledge-base-scoped operation throws WenjinException(NotFound) for an unknown knowledge base name, except
/// <see cref="FindKnowledgeBase"/> (null) and <see cref="DeleteKnowledgeBase"/> (false).
/// </para>
/// </summary>
public sealed class SqliteKnowledgeStore : IKnowledgeStore
{
    private const int WriterCacheKibibytes = 64 * 1024;

    /// <summary>Share of a knowledge base's chunks above which a query term counts as common (see <see cref="SelectSearchTerms"/>).</summary>
    private const double CommonTermShare = 0.5;

    private const string BatchSavepoint = "wenjin_write";

    private const string StatusIndexed = "indexed";
    private const string StatusFailed = "failed";
    private const string StatusPending = "pending";

    private const string KnowledgeBaseColumns =
        "name, description, analyzer_name, analyzer_version, created_at, document_count, chunk_count";

    // Read by ReadCandidate, in this order.
    private const string CandidateColumns =
        "c.doc_id, c.ordinal, d.source_id, c.text, c.span_start, c.span_end, d.title, c.page, c.heading_path, d.title_terms, c.heading_terms, c.body_terms, c.page_breaks, c.id";

    private const int CandidateColumnCount = 14;

    private const string DocumentColumns =
        "d.id, d.source_id, d.status, d.title, d.url, d.format, d.content_hash, d.bytes, d.characters, d.chunks, d.pages, d.error, d.error_stage, d.updated_at";

    private readonly Lock _writeLock = new();
    private readonly StoreConnection _writer;
    private readonly ReaderPool _readers;
    private readonly FrequencyCache _frequencies = new();
    private WriteBatch? _batch;
    private SqliteTransaction? _batchTransaction;
    private int _batchWrites;
    private volatile bool _disposed;

    private SqliteKnowledgeStore(string databasePath, StoreConnection writer, ReaderPool readers)
    {
        DatabasePath = databasePath;
        _writer = writer;
        _readers = readers;
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// Opens the database at <paramref name="databasePath"/>, creating the file, its directories and the schema when
    /// missing, and applying pending schema migrations to an existing file.
    /// </summary>
    public static SqliteKnowledgeStore Open(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        string fullPath = Path.GetFullPath(databasePath);
        string? directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Pooling is off: this class pools its own connections (with their prepared commands), and closing a
        // connection must really close the file so that a disposed store releases it.
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();

        StoreConnection writer = StoreConnection.Open(connectionString, WriterCacheKibibytes);
        try
        {
            // Checkpoint every 32 MB of WAL instead of 4 MB: each checkpoint syncs, and ingestion writes a lot.
            writer.ExecuteNonQuery("PRAGMA wal_autocheckpoint = 8192");
            StoreSchema.Migrate(writer);
        }
        catch
        {
            writer.Dispose();
            throw;
        }

        return new SqliteKnowledgeStore(fullPath, writer, new ReaderPool(connectionString));
    }

    public KnowledgeBaseInfo CreateKnowledgeBase(string name, string? description, AnalyzerSignature analyzer)
    {
        KnowledgeBaseNames.Validate(name);
        ArgumentNullException.ThrowIfNull(analyzer);
        DateTimeOffset now = Now();
        return Write((connection, transaction) =>
        {
            if (FindKnowledgeBaseId(connection, transaction, name) is not null)
            {
                throw new WenjinException(WenjinErrorKind.Conflict, $"A knowledge base named '{name}' already exists.");
            }

            SqliteCommand insert = connection.Command(
                "INSERT INTO knowledge_bases (name, description, analyzer_name, analyzer_version, created_at) VALUES ($name, $description, $analyzer, $version, $created) RETURNING id",
                transaction,
                "$name", "$description", "$analyzer", "$version", "$created");
            insert.Parameters[0].Value = name;
            insert.Parameters[1].Value = (object?)description ?? DBNull.Value;
            insert.Parameters[2].Value = analyzer.Name;
            insert.Parameters[3].Value = analyzer.Version;
            insert.Parameters[4].Value = now.ToUnixTimeMilliseconds();
            long id = (long)insert.ExecuteScalar()!;
            connection.ExecuteNonQuery(StoreSchema.CreateIndexSql(new IndexTables(id)), transaction);
            return new KnowledgeBaseInfo(name, description, analyzer, now);
        });
    }

    public KnowledgeBaseInfo? FindKnowledgeBase(string name)
    {
        if (!KnowledgeBaseNames.IsValid(name))
        {
            return null;
        }

        return Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command(
                $"SELECT {KnowledgeBaseColumns} FROM knowledge_bases WHERE name = $name", transaction, "$name");
            select.Parameters[0].Value = name;
            using SqliteDataReader reader = select.ExecuteReader();
            return reader.Read() ? ReadKnowledgeBase(reader) : null;
        });
    }

    public IReadOnlyList<KnowledgeBaseInfo> ListKnowledgeBases()
    {
        return Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command(
                $"SELECT {KnowledgeBaseColumns} FROM knowledge_bases ORDER BY name", transaction);
            using SqliteDataReader reader = select.ExecuteReader();
            var result = new List<KnowledgeBaseInfo>();
            while (reader.Read())
            {
                result.Add(ReadKnowledgeBase(reader));
            }

            return result;
        });
    }

    public bool DeleteKnowledgeBase(string name)
    {
        if (!KnowledgeBaseNames.IsValid(name))
        {
            return false;
        }

        return Write((connection, transaction) =>
        {
            if (FindKnowledgeBaseId(connection, transaction, name) is not long id)
            {
                return false;
            }

            // Documents, texts and chunks go by ON DELETE CASCADE; the index tables are dropped.
            var tables = new IndexTables(id);
            connection.ClearCommands();
            connection.ExecuteNonQuery(StoreSchema.DropIndexSql(tables), transaction);
            SqliteCommand delete = connection.Command("DELETE FROM knowledge_bases WHERE id = $id", transaction, "$id");
            delete.Parameters[0].Value = id;
            delete.ExecuteNonQuery();
            _frequencies.Forget(id);
            return true;
        });
    }

    public DocumentInfo? FindDocumentBySource(string kb, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        return GetDocument(kb, DocumentIdentity.DocumentId(kb, sourceId));
    }

    /// <summary>
    /// Stores a processed document with status Indexed atomically (one transaction, or one savepoint in a batch): any earlier record with the same source id
    /// (indexed or failed, with its text, chunks and index rows) is deleted first, so a replaced document's old chunks
    /// are never findable and a failure attached to the old version is cleared.
    /// </summary>
    public DocumentInfo SaveDocument(string kb, DocumentWrite document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (string.IsNullOrEmpty(document.SourceId))
        {
            throw WenjinException.Invalid("A document needs a non-empty source id.");
        }

        string docId = DocumentIdentity.DocumentId(kb, document.SourceId);
        DateTimeOffset now = Now();
        try
        {
            return Write((connection, transaction) =>
            {
                long kbId = RequireKnowledgeBaseId(connection, transaction, kb);
                var tables = new IndexTables(kbId);
                RemoveDocument(connection, transaction, kbId, docId);
                return InsertIndexedDocument(connection, transaction, kbId, tables, docId, document, now);
            });
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            throw new WenjinException(
                WenjinErrorKind.InvalidInput,
                $"Document '{document.SourceId}' could not be stored: {exception.Message} (are chunk ordinals unique?)",
                "store",
                exception);
        }
    }

    /// <summary>
    /// Records a failed document. When an Indexed version of the same source exists it stays Indexed and searchable,
    /// with its content hash and counts unchanged; the failure's error and stage are attached to it (Error/ErrorStage
    /// non-null on an Indexed document mean "the latest attempt failed"). Otherwise any earlier record of the source is
    /// replaced by a Failed record with no text and no chunks.
    /// </summary>
    public DocumentInfo SaveFailure(string kb, DocumentFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (string.IsNullOrEmpty(failure.SourceId))
        {
            throw WenjinException.Invalid("A document needs a non-empty source id.");
        }

        string docId = DocumentIdentity.DocumentId(kb, failure.SourceId);
        DateTimeOffset now = Now();
        return Write((connection, transaction) =>
        {
            long kbId = RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand attach = connection.Command(
                $"UPDATE documents SET error = $error, error_stage = $stage, updated_at = $now WHERE id = $id AND kb_id = $kb AND status = '{StatusIndexed}'",
                transaction,
                "$error", "$stage", "$now", "$id", "$kb");
            attach.Parameters[0].Value = failure.Error ?? string.Empty;
            attach.Parameters[1].Value = failure.Stage ?? string.Empty;
            attach.Parameters[2].Value = now.ToUnixTimeMilliseconds();
            attach.Parameters[3].Value = docId;
            attach.Parameters[4].Value = kbId;
            if (attach.ExecuteNonQuery() == 0)
            {
                RemoveDocument(connection, transaction, kbId, docId);
                SqliteCommand insert = connection.Command(
                    $"""
                    INSERT INTO documents (id, kb_id, source_id, format, content_hash, status, error, error_stage, bytes, characters, chunks, updated_at)
                    VALUES ($id, $kb, $source, $format, $hash, '{StatusFailed}', $error, $stage, $bytes, 0, 0, $now)
                    """,
                    transaction,
                    "$id", "$kb", "$source", "$format", "$hash", "$error", "$stage", "$bytes", "$now");
                insert.Parameters[0].Value = docId;
                insert.Parameters[1].Value = kbId;
                insert.Parameters[2].Value = failure.SourceId;
                insert.Parameters[3].Value = (object?)failure.Format ?? DBNull.Value;
                insert.Parameters[4].Value = (object?)failure.ContentHash ?? DBNull.Value;
                insert.Parameters[5].Value = failure.Error ?? string.Empty;
                insert.Parameters[6].Value = failure.Stage ?? string.Empty;
                insert.Parameters[7].Value = failure.Bytes;
                insert.Parameters[8].Value = now.ToUnixTimeMilliseconds();
                insert.ExecuteNonQuery();
                AdjustKnowledgeBaseTotals(connection, transaction, kbId, documents: 1, chunks: 0, titleTerms: 0, headingTerms: 0, bodyTerms: 0);
            }

            return SelectDocument(connection, transaction, kbId, docId)!;
        });
    }

    /// <summary>All documents of the knowledge base (indexed and failed), ordered by source id.</summary>
    public IReadOnlyList<DocumentInfo> ListDocuments(string kb)
    {
        return Read((connection, transaction) =>
        {
            long kbId = RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                $"SELECT {DocumentColumns} FROM documents d WHERE d.kb_id = $kb ORDER BY d.source_id", transaction, "$kb");
            select.Parameters[0].Value = kbId;
            using SqliteDataReader reader = select.ExecuteReader();
            var result = new List<DocumentInfo>();
            while (reader.Read())
            {
                result.Add(ReadDocument(reader));
            }

            return result;
        });
    }

    public DocumentInfo? GetDocument(string kb, string docId)
    {
        ArgumentNullException.ThrowIfNull(docId);
        return Read((connection, transaction) =>
            SelectDocument(connection, transaction, RequireKnowledgeBaseId(connection, transaction, kb), docId));
    }

    /// <summary>The extracted text of an indexed document; null for unknown and failed documents.</summary>
    public string? GetDocumentText(string kb, string docId)
    {
        ArgumentNullException.ThrowIfNull(docId);
        return Read((connection, transaction) =>
        {
            long kbId = RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                "SELECT t.text FROM document_texts t JOIN documents d ON d.id = t.doc_id WHERE t.doc_id = $id AND d.kb_id = $kb",
                transaction,
                "$id", "$kb");
            select.Parameters[0].Value = docId;
            select.Parameters[1].Value = kbId;
            return select.ExecuteScalar() as string;
        });
    }

    /// <summary>The chunk spans of a document, by ordinal; empty for unknown and failed documents.</summary>
    public IReadOnlyList<Documents.ChunkSpan> ListChunks(string kb, string docId)
    {
        ArgumentNullException.ThrowIfNull(docId);
        return Read((connection, transaction) =>
        {
            long kbId = RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                """
                SELECT c.ordinal, c.span_start, c.span_end, c.page, c.heading_path, c.page_breaks
                FROM chunks c JOIN documents d ON d.id = c.doc_id
                WHERE c.doc_id = $id AND d.kb_id = $kb ORDER BY c.ordinal
                """,
                transaction,
                "$id", "$kb");
            select.Parameters[0].Value = docId;
            select.Parameters[1].Value = kbId;
            using SqliteDataReader reader = select.ExecuteReader();
            var result = new List<Documents.ChunkSpan>();
            while (reader.Read())
            {
                long ordinal = reader.GetInt64(0);
                result.Add(new Documents.ChunkSpan(DocumentIdentity.ChunkId(docId, ordinal), (int)ordinal, reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3), TermListCodec.SplitHeadings(reader.GetString(4)))
                {
                    PageBreaks = TermListCodec.SplitOffsets(reader.GetString(5)),
                });
            }

            return result;
        });
    }

    public bool DeleteDocument(string kb, string docId)
    {
        ArgumentNullException.ThrowIfNull(docId);
        return Write((connection, transaction) =>
            RemoveDocument(connection, transaction, RequireKnowledgeBaseId(connection, transaction, kb), docId));
    }

    /// <summary>
    /// Chunks containing any of the terms in any field, ordered by bm25 with the column weights of
    /// <see cref="FieldWeights"/> (StoreScore = -bm25, higher is better), then by chunk rowid. Term weights are not
    /// used: FTS5 cannot weight query terms. Terms are matched exactly as single tokens (ASCII letters folded to lower
    /// case), never parsed as query syntax. Of several terms, those in no chunk and, when rarer terms remain, those in
    /// more than half of the chunks are left out of the query (see <see cref="SelectSearchTerms"/>).
    /// </summary>
    public IReadOnlyList<ChunkCandidate> FindCandidates(string kb, IReadOnlyList<QueryTerm> terms, int limit, IndexStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Read((connection, transaction) =>
        {
            long kbId = RequireKnowledgeBaseId(connection, transaction, kb);
            List<string> distinct = FtsQuery.DistinctFolded(terms.Select(term => term.Term));
            if (distinct.Count == 0 || limit <= 0)
            {
                return (IReadOnlyList<ChunkCandidate>)[];
            }

            var tables = new IndexTables(kbId);
            List<string> searched = distinct.Count == 1 ? distinct : SelectSearchTerms(connection, transaction, tables, distinct, statistics);
            if (searched.Count == 0)
            {
                return [];
            }

            string match = FtsQuery.AnyOf(searched);
            string fts = tables.Fts;
            // The ranked rowids are computed first (MATERIALIZED) so that only the top `limit` chunks are joined.
            SqliteCommand select = connection.Command(
                $"""
                WITH top AS MATERIALIZED (
                    SELECT rowid AS id, bm25({fts}, {FieldWeights.Bm25Arguments}) AS score
                    FROM {fts} WHERE {fts} MATCH $match
                    ORDER BY score, rowid
                    LIMIT $limit)
                SELECT {CandidateColumns}, top.score
                FROM top
                JOIN chunks c ON c.id = top.id
                JOIN documents d ON d.id = c.doc_id
                ORDER BY top.score, top.id
                """,
                transaction,
                "$match", "$limit");
            select.Parameters[0].Value = match;
            select.Parameters[1].Value = limit;
            using SqliteDataReader reader = select.ExecuteReader();
            var result = new List<ChunkCandidate>(Math.Min(limit, 256));
            while (reader.Read())
            {
                result.Add(ReadCandidate(reader) with { StoreScore = -reader.GetDouble(CandidateColumnCount) });
            }

            return result;
        });
    }

    public IReadOnlyList<ChunkCandidate> GetCandidates(string kb, IReadOnlyList<long> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Read((connection, transaction) =>
        {
            long kbId = RequireKnowledgeBaseId(connection, transaction, kb);
            SqliteCommand select = connection.Command(
                $"""
                SELECT {CandidateColumns}
                FROM chunks c JOIN documents d ON d.id = c.doc_id
                WHERE c.id = $key AND d.kb_id = $kb
                """,
                transaction,
                "$key", "$kb");
            select.Parameters[1].Value = kbId;
            var result = new List<ChunkCandidate>(keys.Count);
            foreach (long key in keys)
            {
                select.Parameters[0].Value = key;
                using SqliteDataReader reader = select.ExecuteReader();
                if (reader.Read())
                {
                    result.Add(ReadCandidate(reader));
                }
            }

            return (IReadOnlyList<ChunkCandidate>)result;
        });
    }

    private static ChunkCandidate ReadCandidate(SqliteDataReader reader)
    {
        string docId = reader.GetString(0);
        return new ChunkCandidate(
            DocumentIdentity.ChunkId(docId, reader.GetInt64(1)),
            docId,
            reader.GetString(2),
            reader.GetString(3),
            reader.GetInt32(4),
            reader.GetInt32(5))
        {
            Title = reader.IsDBNull(6) ? null : reader.GetString(6),
            Page = reader.IsDBNull(7) ? null : reader.GetInt32(7),
            HeadingPath = TermListCodec.SplitHeadings(reader.GetString(8)),
            TitleTerms = TermListCodec.SplitTerms(reader.GetString(9)),
            HeadingTerms = TermListCodec.SplitTerms(reader.GetString(10)),
            BodyTerms = TermListCodec.SplitTerms(reader.GetString(11)),
            PageBreaks = TermListCodec.SplitOffsets(reader.GetString(12)),
            Key = reader.GetInt64(13),
        };
    }

    /// <summary>
    /// Chunk count and average terms per field from the running totals of the knowledge base row (O(1)), and each
    /// requested term's exact document frequency (chunks containing it in any field) in this knowledge base, read from
    /// its FTS5 vocabulary, all read in one snapshot (frequencies are cached per knowledge-base revision, see <see cref="FrequencyCache"/>).
    /// </summary>
    public IndexStatistics GetStatistics(string kb, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return Read((connection, transaction) =>
        {
            SqliteCommand totals = connection.Command(
                "SELECT id, chunk_count, title_term_total, heading_term_total, body_term_total, revision FROM knowledge_bases WHERE name = $name",
                transaction,
                "$name");
            totals.Parameters[0].Value = kb;
            long kbId, chunks, titleTerms, headingTerms, bodyTerms, revision;
            using (SqliteDataReader reader = totals.ExecuteReader())
            {
                if (!reader.Read())
                {
                    throw UnknownKnowledgeBase(kb);
                }

                (kbId, chunks, titleTerms, headingTerms, bodyTerms, revision) =
                    (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
            }

            var frequencies = new Dictionary<string, long>(StringComparer.Ordinal);
            var tables = new IndexTables(kbId);
            foreach (string term in terms)
            {
                if (term is null || frequencies.ContainsKey(term))
                {
                    continue;
                }

                frequencies[term] = DocumentFrequency(connection, transaction, tables, revision, FtsQuery.Fold(term));
            }

            return new IndexStatistics(chunks, Average(bodyTerms, chunks), Average(headingTerms, chunks), Average(titleTerms, chunks))
            {
                DocumentFrequency = frequencies,
            };
        });
    }

    /// <summary>
    /// Compacts every knowledge base's index into one segment (FTS5 'optimize', fastest queries), refreshes the query
    /// planner statistics (ANALYZE, PRAGMA optimize) and truncates the write-ahead log. Worth running after a large
    /// ingest; takes the write lock for its duration, readers keep running.
    /// </summary>
    public void Optimize()
    {
        lock (_writeLock)
        {
            if (_batch is not null)
            {
                throw new InvalidOperationException("Optimize cannot run while a write batch is open.");
            }
        }

        List<long> ids = Read((connection, transaction) =>
        {
            SqliteCommand select = connection.Command("SELECT id FROM knowledge_bases", transaction);
            using SqliteDataReader reader = select.ExecuteReader();
            var result = new List<long>();
            while (reader.Read())
            {
                result.Add(reader.GetInt64(0));
            }

            return result;
        });

        foreach (long id in ids)
        {
            string fts = new IndexTables(id).Fts;
            Write((connection, transaction) =>
            {
                // The knowledge base may have been deleted since the list was read.
                SqliteCommand exists = connection.Command("SELECT 1 FROM knowledge_bases WHERE id = $id", transaction, "$id");
                exists.Parameters[0].Value = id;
                if (exists.ExecuteScalar() is not null)
                {
                    connection.ExecuteNonQuery($"INSERT INTO {fts} ({fts}) VALUES ('optimize')", transaction);
                }

                return true;
            });
        }

        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.ExecuteNonQuery("ANALYZE; PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);");
        }
    }

    /// <summary>
    /// Starts a write batch for bulk ingestion: until the returned batch is disposed, writes (each still atomic, in its
    /// own savepoint: a failing write leaves no trace) are committed together every <paramref name="maxWrites"/>
    /// writes instead of one commit each, which saves the per-commit cost of flushing a new FTS5 segment and writing
    /// the WAL. The price: readers (this store's included) see the writes only at the group commit, and a crash loses the writes
    /// since the last group commit (a re-ingest restores them). Disposing the batch commits the rest. One batch at a
    /// time per store; <see cref="Optimize"/> cannot run during a batch.
    /// </summary>
    public IDisposable BeginBatch(int maxWrites = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWrites, 1);
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_batch is not null)
            {
                throw new InvalidOperationException("A write batch is already open on this store.");
            }

            _batch = new WriteBatch(this, maxWrites);
            return _batch;
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
            {
                return;
            }

            // An open batch is committed: its writes were reported as saved.
            CommitBatchTransaction();
            _batch = null;
            _disposed = true;
            _readers.Dispose();
            _writer.Dispose();
        }
    }

    /// <summary>
    /// The terms worth searching for. A term in no chunk cannot match. A term in more than
    /// <see cref="CommonTermShare"/> of the chunks has a bm25 IDF of zero or less, which FTS5 clamps to almost zero:
    /// it does not change the order of chunks that match other terms, it only adds (slowly: its posting list is most
    /// of the index) chunks that match nothing else and would rank last. So common terms are dropped when at least
    /// one rarer term remains; the ranker still sees them in every candidate's stored terms.
    /// </summary>
    /// <summary>
    /// The terms worth matching: rarest first, while their summed document frequency stays within a budget
    /// (a twentieth of the chunks, at least 2,000), and never fewer than the two rarest; a term in more than half the
    /// chunks only when nothing rarer matches. Common terms cost the most to
    /// match and add the least to ranking; they still count in the ranker's scores, which read the stored term lists.
    /// </summary>
    private const long MinMatchBudget = 2000;

    // revision: the knowledge base's revision read in this transaction's snapshot (see FrequencyCache).
    private long DocumentFrequency(StoreConnection connection, SqliteTransaction transaction, IndexTables tables, long revision, string foldedTerm)
    {
        if (_frequencies.TryGet(tables.KnowledgeBaseId, revision, foldedTerm, out long cached))
        {
            return cached;
        }

        SqliteCommand lookup = connection.Command($"SELECT doc FROM {tables.Vocabulary} WHERE term = $term", transaction, "$term");
        lookup.Parameters[0].Value = foldedTerm;
        long frequency = lookup.ExecuteScalar() is long found ? found : 0;
        _frequencies.Set(tables.KnowledgeBaseId, revision, foldedTerm, frequency);
        return frequency;
    }

    private List<string> SelectSearchTerms(StoreConnection connection, SqliteTransaction transaction, IndexTables tables, List<string> terms, IndexStatistics? statistics)
    {
        SqliteCommand totals = connection.Command("SELECT chunk_count, revision FROM knowledge_bases WHERE id = $id", transaction, "$id");
        totals.Parameters[0].Value = tables.KnowledgeBaseId;
        long chunks, revision;
        using (SqliteDataReader reader = totals.ExecuteReader())
        {
            reader.Read();
            (chunks, revision) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        if (statistics is not null)
        {
            chunks = statistics.ChunkCount;
        }

        var present = new List<(string Term, long Frequency)>(terms.Count);
        foreach (string term in terms)
        {
            long frequency;
            if (statistics is not null && statistics.DocumentFrequency.TryGetValue(term, out long known))
            {
                frequency = known;
            }
            else
            {
                frequency = DocumentFrequency(connection, transaction, tables, revision, term);
            }

            if (frequency > 0)
            {
                present.Add((term, frequency));
            }
        }

        present.Sort((a, b) => a.Frequency.CompareTo(b.Frequency));
        long budget = Math.Max(MinMatchBudget, chunks / 20);
        var selected = new List<string>(present.Count);
        long spent = 0;
        foreach (var (term, frequency) in present)
        {
            bool common = frequency > chunks * CommonTermShare;
            if ((selected.Count >= 1 && common) || (selected.Count >= 2 && spent + frequency > budget))
            {
                break;
            }

            selected.Add(term);
            spent += frequency;
        }

        return selected;
    }

    private static DocumentInfo InsertIndexedDocument(
        StoreConnection connection,
        SqliteTransaction transaction,
        long kbId,
        IndexTables tables,
        string docId,
        DocumentWrite document,
        DateTimeOffset now)
    {
        var buffer = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string titleTerms = TermListCodec.JoinTerms(document.TitleTerms, buffer);
        string indexedTitleTerms = TermListCodec.JoinDistinct(titleTerms, seen, buffer);
        string text = document.Text ?? string.Empty;

        SqliteCommand insertDocument = connection.Command(
            $"""
            INSERT INTO documents (id, kb_id, source_id, title, url, format, content_hash, status, bytes, characters, chunks, pages, updated_at, title_terms)
            VALUES ($id, $kb, $source, $title, $url, $format, $hash, '{StatusIndexed}', $bytes, $characters, 0, $pages, $now, $titleTerms)
            """,
            transaction,
            "$id", "$kb", "$source", "$title", "$url", "$format", "$hash", "$bytes", "$characters", "$pages", "$now", "$titleTerms");
        insertDocument.Parameters[0].Value = docId;
        insertDocument.Parameters[1].Value = kbId;
        insertDocument.Parameters[2].Value = document.SourceId;
        insertDocument.Parameters[3].Value = (object?)document.Title ?? DBNull.Value;
        insertDocument.Parameters[4].Value = (object?)document.Url ?? DBNull.Value;
        insertDocument.Parameters[5].Value = document.Format;
        insertDocument.Parameters[6].Value = document.ContentHash;
        insertDocument.Parameters[7].Value = document.Bytes;
        insertDocument.Parameters[8].Value = text.Length;
        insertDocument.Parameters[9].Value = (object?)document.Pages ?? DBNull.Value;
        insertDocument.Parameters[10].Value = now.ToUnixTimeMilliseconds();
        insertDocument.Parameters[11].Value = titleTerms;
        insertDocument.ExecuteNonQuery();

        SqliteCommand insertText = connection.Command(
            "INSERT INTO document_texts (doc_id, text) VALUES ($id, $text)", transaction, "$id", "$text");
        insertText.Parameters[0].Value = docId;
        insertText.Parameters[1].Value = text;
        insertText.ExecuteNonQuery();

        SqliteCommand insertChunk = connection.Command(
            """
            INSERT INTO chunks (doc_id, ordinal, text, span_start, span_end, page, heading_path, is_table, heading_terms, body_terms, page_breaks)
            VALUES ($doc, $ordinal, $text, $start, $end, $page, $headings, $table, $headingTerms, $bodyTerms, $pageBreaks)
            RETURNING id
            """,
            transaction,
            "$doc", "$ordinal", "$text", "$start", "$end", "$page", "$headings", "$table", "$headingTerms", "$bodyTerms", "$pageBreaks");
        SqliteCommand insertIndex = connection.Command(
            $"INSERT INTO {tables.Fts} (rowid, title, heading, body) VALUES ($rowid, $title, $heading, $body)",
            transaction,
            "$rowid", "$title", "$heading", "$body");
        insertChunk.Parameters[0].Value = docId;
        insertIndex.Parameters[1].Value = indexedTitleTerms;

        long chunkCount = 0, headingTotal = 0, bodyTotal = 0;
        foreach (IndexedChunk indexed in document.Chunks ?? [])
        {
            ArgumentNullException.ThrowIfNull(indexed);
            string headingTerms = TermListCodec.JoinTerms(indexed.HeadingTerms, buffer);
            string bodyTerms = TermListCodec.JoinTerms(indexed.BodyTerms, buffer);
            Documents.Chunk chunk = indexed.Chunk;

            insertChunk.Parameters[1].Value = chunk.Ordinal;
            insertChunk.Parameters[2].Value = chunk.Text ?? string.Empty;
            insertChunk.Parameters[3].Value = chunk.Start;
            insertChunk.Parameters[4].Value = chunk.End;
            insertChunk.Parameters[5].Value = (object?)chunk.Page ?? DBNull.Value;
            insertChunk.Parameters[6].Value = TermListCodec.JoinHeadings(chunk.HeadingPath);
            insertChunk.Parameters[7].Value = chunk.IsTable ? 1 : 0;
            insertChunk.Parameters[8].Value = headingTerms;
            insertChunk.Parameters[9].Value = bodyTerms;
            insertChunk.Parameters[10].Value = TermListCodec.JoinOffsets(chunk.PageBreaks);
            long rowid = (long)insertChunk.ExecuteScalar()!;

            insertIndex.Parameters[0].Value = rowid;
            insertIndex.Parameters[2].Value = TermListCodec.JoinDistinct(headingTerms, seen, buffer);
            insertIndex.Parameters[3].Value = TermListCodec.JoinDistinct(bodyTerms, seen, buffer);
            insertIndex.ExecuteNonQuery();

            chunkCount++;
            headingTotal += indexed.HeadingTerms.Count;
            bodyTotal += indexed.BodyTerms.Count;
        }

        long titleTotal = chunkCount * document.TitleTerms.Count;
        SqliteCommand totals = connection.Command(
            "UPDATE documents SET chunks = $chunks, title_term_total = $title, heading_term_total = $heading, body_term_total = $body WHERE id = $id",
            transaction,
            "$chunks", "$title", "$heading", "$body", "$id");
        totals.Parameters[0].Value = chunkCount;
        totals.Parameters[1].Value = titleTotal;
        totals.Parameters[2].Value = headingTotal;
        totals.Parameters[3].Value = bodyTotal;
        totals.Parameters[4].Value = docId;
        totals.ExecuteNonQuery();
        AdjustKnowledgeBaseTotals(connection, transaction, kbId, 1, chunkCount, titleTotal, headingTotal, bodyTotal);

        return new DocumentInfo(docId, document.SourceId, DocumentStatus.Indexed)
        {
            Title = document.Title,
            Url = document.Url,
            Format = document.Format,
            ContentHash = document.ContentHash,
            Bytes = document.Bytes,
            Characters = text.Length,
            Chunks = (int)chunkCount,
            Pages = document.Pages,
            UpdatedAt = now,
        };
    }

    /// <summary>Deletes a document with its text, chunks and index rows, and takes it out of the running totals.</summary>
    private static bool RemoveDocument(StoreConnection connection, SqliteTransaction transaction, long kbId, string docId)
    {
        SqliteCommand select = connection.Command(
            "SELECT chunks, title_term_total, heading_term_total, body_term_total FROM documents WHERE id = $id AND kb_id = $kb",
            transaction,
            "$id", "$kb");
        select.Parameters[0].Value = docId;
        select.Parameters[1].Value = kbId;
        long chunks, titleTerms, headingTerms, bodyTerms;
        using (SqliteDataReader reader = select.ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }

            (chunks, titleTerms, headingTerms, bodyTerms) =
                (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        if (chunks > 0)
        {
            // One rowid at a time: an equality on rowid is a direct index delete (contentless_delete=1), while
            // "rowid IN (subquery)" is not guaranteed to avoid a scan of the virtual table.
            var rowids = new List<long>((int)chunks);
            SqliteCommand chunkIds = connection.Command("SELECT id FROM chunks WHERE doc_id = $id", transaction, "$id");
            chunkIds.Parameters[0].Value = docId;
            using (SqliteDataReader reader = chunkIds.ExecuteReader())
            {
                while (reader.Read())
                {
                    rowids.Add(reader.GetInt64(0));
                }
            }

            SqliteCommand deleteIndex = connection.Command(
                $"DELETE FROM {new IndexTables(kbId).Fts} WHERE rowid = $rowid", transaction, "$rowid");
            foreach (long rowid in rowids)
            {
                deleteIndex.Parameters[0].Value = rowid;
                deleteIndex.ExecuteNonQuery();
            }
        }

        // Text and chunks go by ON DELETE CASCADE.
        SqliteCommand delete = connection.Command("DELETE FROM documents WHERE id = $id", transaction, "$id");
        delete.Parameters[0].Value = docId;
        delete.ExecuteNonQuery();
        AdjustKnowledgeBaseTotals(connection, transaction, kbId, -1, -chunks, -titleTerms, -headingTerms, -bodyTerms);
        return true;
    }

    private static void AdjustKnowledgeBaseTotals(
        StoreConnection connection,
        SqliteTransaction transaction,
        long kbId,
        long documents,
        long chunks,
        long titleTerms,
        long headingTerms,
        long bodyTerms)
    {
        SqliteCommand update = connection.Command(
            """
            UPDATE knowledge_bases SET
                document_count = document_count + $documents,
                chunk_count = chunk_count + $chunks,
                title_term_total = title_term_total + $title,
                heading_term_total = heading_term_total + $heading,
                body_term_total = body_term_total + $body,
                revision = revision + 1
            WHERE id = $id
            """,
            transaction,
            "$documents", "$chunks", "$title", "$heading", "$body", "$id");
        update.Parameters[0].Value = documents;
        update.Parameters[1].Value = chunks;
        update.Parameters[2].Value = titleTerms;
        update.Parameters[3].Value = headingTerms;
        update.Parameters[4].Value = bodyTerms;
        update.Parameters[5].Value = kbId;
        update.ExecuteNonQuery();
    }

    private static DocumentInfo? SelectDocument(StoreConnection connection, SqliteTransaction transaction, long kbId, string docId)
    {
        SqliteCommand select = connection.Command(
            $"SELECT {DocumentColumns} FROM documents d WHERE d.id = $id AND d.kb_id = $kb", transaction, "$id", "$kb");
        select.Parameters[0].Value = docId;
        select.Parameters[1].Value = kbId;
        using SqliteDataReader reader = select.ExecuteReader();
        return reader.Read() ? ReadDocument(reader) : null;
    }

    private static long? FindKnowledgeBaseId(StoreConnection connection, SqliteTransaction transaction, string name)
    {
        SqliteCommand select = connection.Command("SELECT id FROM knowledge_bases WHERE name = $name", transaction, "$name");
        select.Parameters[0].Value = name;
        return select.ExecuteScalar() is long id ? id : null;
    }

    private static long RequireKnowledgeBaseId(StoreConnection connection, SqliteTransaction transaction, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FindKnowledgeBaseId(connection, transaction, name) ?? throw UnknownKnowledgeBase(name);
    }

    private static WenjinException UnknownKnowledgeBase(string name) =>
        WenjinException.NotFound($"Knowledge base '{name}' does not exist.");

    private static KnowledgeBaseInfo ReadKnowledgeBase(SqliteDataReader reader) =>
        new(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            new AnalyzerSignature(reader.GetString(2), reader.GetInt32(3)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
        {
            DocumentCount = reader.GetInt32(5),
            ChunkCount = reader.GetInt32(6),
        };

    private static DocumentInfo ReadDocument(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), ParseStatus(reader.GetString(2)))
        {
            Title = reader.IsDBNull(3) ? null : reader.GetString(3),
            Url = reader.IsDBNull(4) ? null : reader.GetString(4),
            Format = reader.IsDBNull(5) ? null : reader.GetString(5),
            ContentHash = reader.IsDBNull(6) ? null : reader.GetString(6),
            Bytes = reader.GetInt64(7),
            Characters = reader.GetInt32(8),
            Chunks = reader.GetInt32(9),
            Pages = reader.IsDBNull(10) ? null : reader.GetInt32(10),
            Error = reader.IsDBNull(11) ? null : reader.GetString(11),
            ErrorStage = reader.IsDBNull(12) ? null : reader.GetString(12),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
        };

    private static DocumentStatus ParseStatus(string status) => status switch
    {
        StatusIndexed => DocumentStatus.Indexed,
        StatusFailed => DocumentStatus.Failed,
        StatusPending => DocumentStatus.Pending,
        _ => throw new WenjinException(WenjinErrorKind.Internal, $"Unknown document status '{status}' in the database."),
    };

    private static double Average(long total, long count) => count == 0 ? 0 : (double)total / count;

    // Millisecond precision: what the database stores, so a returned value equals the value read back later.
    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private T Read<T>(Func<StoreConnection, SqliteTransaction, T> operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        StoreConnection connection = _readers.Rent();
        try
        {
            // One deferred transaction per operation: all its statements read the same snapshot.
            using SqliteTransaction transaction = connection.Connection.BeginTransaction(deferred: true);
            T result = operation(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _readers.Return(connection);
        }
    }

    private T Write<T>(Func<StoreConnection, SqliteTransaction, T> operation)
    {
        lock (_writeLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_batch is not null)
            {
                return WriteInBatch(operation);
            }

            // IMMEDIATE: takes the database write lock up front, so another process's writer makes this one wait
            // (busy_timeout) instead of failing at its first write. Disposing without Commit rolls back.
            using SqliteTransaction transaction = _writer.Connection.BeginTransaction(deferred: false);
            T result = operation(_writer, transaction);
            transaction.Commit();
            return result;
        }
    }

    // Caller holds the write lock. A savepoint makes this write atomic inside the batch transaction.
    private T WriteInBatch<T>(Func<StoreConnection, SqliteTransaction, T> operation)
    {
        _batchTransaction ??= _writer.Connection.BeginTransaction(deferred: false);
        _batchTransaction.Save(BatchSavepoint);
        T result;
        try
        {
            result = operation(_writer, _batchTransaction);
        }
        catch
        {
            _batchTransaction.Rollback(BatchSavepoint);
            _batchTransaction.Release(BatchSavepoint);
            throw;
        }

        _batchTransaction.Release(BatchSavepoint);
        if (++_batchWrites >= _batch!.MaxWrites)
        {
            CommitBatchTransaction();
        }

        return result;
    }

    // Caller holds the write lock.
    private void CommitBatchTransaction()
    {
        if (_batchTransaction is not null)
        {
            _batchTransaction.Commit();
            _batchTransaction.Dispose();
            _batchTransaction = null;
        }

        _batchWrites = 0;
    }

    internal void EndBatch(WriteBatch batch)
    {
        lock (_writeLock)
        {
            if (!ReferenceEquals(_batch, batch))
            {
                return;
            }

            _batch = null;
            if (!_disposed)
            {
                CommitBatchTransaction();
            }
        }
    }
}
