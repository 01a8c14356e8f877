using Microsoft.Data.Sqlite;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// The database schema and its migrations, in one place. <c>PRAGMA user_version</c> holds the number of migrations
/// applied; opening a database applies the missing ones in one transaction. A database written by a newer Wenjin
/// (higher version than known here) is refused rather than misread.
/// </summary>
internal static class StoreSchema
{
    /// <summary>
    /// Migration n (1-based) brings a database from version n-1 to n. Append only: never edit a shipped migration.
    /// Shared tables hold knowledge bases, documents, their texts and chunks; every knowledge base additionally owns
    /// an index table created by <see cref="CreateIndexSql"/>.
    /// Documents keep their extracted text in <c>document_texts</c> so that listing documents never reads it.
    /// Term lists are stored space-joined (terms never contain white space); heading paths are joined with U+001F.
    /// The knowledge base row keeps running totals (documents, chunks, terms per field) maintained by every write
    /// transaction, so counts and average field lengths are O(1).
    /// </summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE knowledge_bases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            description TEXT,
            analyzer_name TEXT NOT NULL,
            analyzer_version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            document_count INTEGER NOT NULL DEFAULT 0,
            chunk_count INTEGER NOT NULL DEFAULT 0,
            title_term_total INTEGER NOT NULL DEFAULT 0,
            heading_term_total INTEGER NOT NULL DEFAULT 0,
            body_term_total INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE documents (
            id TEXT NOT NULL PRIMARY KEY,
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL,
            title TEXT,
            url TEXT,
            format TEXT,
            content_hash TEXT,
            status TEXT NOT NULL,
            error TEXT,
            error_stage TEXT,
            bytes INTEGER NOT NULL,
            characters INTEGER NOT NULL,
            chunks INTEGER NOT NULL,
            pages INTEGER,
            updated_at INTEGER NOT NULL,
            title_terms TEXT NOT NULL DEFAULT '',
            title_term_total INTEGER NOT NULL DEFAULT 0,
            heading_term_total INTEGER NOT NULL DEFAULT 0,
            body_term_total INTEGER NOT NULL DEFAULT 0
        );

        CREATE UNIQUE INDEX documents_kb_source ON documents(kb_id, source_id);

        CREATE TABLE document_texts (
            doc_id TEXT NOT NULL PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT NOT NULL
        );

        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            text TEXT NOT NULL,
            span_start INTEGER NOT NULL,
            span_end INTEGER NOT NULL,
            page INTEGER,
            heading_path TEXT NOT NULL,
            is_table INTEGER NOT NULL,
            heading_terms TEXT NOT NULL,
            body_terms TEXT NOT NULL
        );

        CREATE UNIQUE INDEX chunks_doc_ordinal ON chunks(doc_id, ordinal);
        """,

        // 2: page breaks inside a chunk (comma-separated offsets), so citations keep the page of their sentence.
        """
        ALTER TABLE chunks ADD COLUMN page_breaks TEXT NOT NULL DEFAULT '';
        """,

        // 3: the durable ingestion queue (content kept in the row until the job finishes, so an acknowledged upload
        // survives a crash) and stored conversations. Both go with their knowledge base (ON DELETE CASCADE).
        """
        CREATE TABLE ingest_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            doc_id TEXT NOT NULL,
            source_id TEXT NOT NULL,
            file_name TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            content BLOB NOT NULL
        );

        CREATE INDEX ingest_jobs_kb_doc ON ingest_jobs(kb_id, doc_id);

        CREATE TABLE conversations (
            id TEXT NOT NULL PRIMARY KEY,
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            turn_count INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );

        CREATE INDEX conversations_kb_updated ON conversations(kb_id, updated_at);

        CREATE TABLE conversation_turns (
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            question TEXT NOT NULL,
            resolved_question TEXT NOT NULL,
            answer TEXT NOT NULL,
            refused INTEGER NOT NULL,
            citations TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, ordinal)
        );
        """,
        // 4: a counter of committed index changes per knowledge base, which keys the document-frequency cache.
        """
        ALTER TABLE knowledge_bases ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        """,

        // 5: chunk embeddings (float16, little-endian) of one model per knowledge base. A vector goes with its chunk
        // (ON DELETE CASCADE); the triggers keep kb_embeddings' count, highest sequence and deletion counter exact, so
        // the state of a knowledge base's vectors is read in O(1).
        """
        CREATE TABLE kb_embeddings (
            kb_id INTEGER PRIMARY KEY REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            model TEXT NOT NULL,
            dimensions INTEGER NOT NULL DEFAULT 0,
            vectors INTEGER NOT NULL DEFAULT 0,
            sequence INTEGER NOT NULL DEFAULT 0,
            deletions INTEGER NOT NULL DEFAULT 0,
            changed_at INTEGER NOT NULL
        );

        CREATE TABLE chunk_vectors (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chunk_id INTEGER NOT NULL UNIQUE REFERENCES chunks(id) ON DELETE CASCADE,
            kb_id INTEGER NOT NULL,
            vector BLOB NOT NULL
        );

        CREATE INDEX chunk_vectors_kb ON chunk_vectors(kb_id, id);

        CREATE TRIGGER chunk_vectors_added AFTER INSERT ON chunk_vectors BEGIN
            UPDATE kb_embeddings SET vectors = vectors + 1, sequence = max(sequence, new.id) WHERE kb_id = new.kb_id;
        END;

        CREATE TRIGGER chunk_vectors_removed AFTER DELETE ON chunk_vectors BEGIN
            UPDATE kb_embeddings SET vectors = vectors - 1, deletions = deletions + 1 WHERE kb_id = old.kb_id;
        END;
        """,

        // 6: extracted records, one per (knowledge base, schema, document), kept as the record's JSON. A record goes
        // with its document (ON DELETE CASCADE), so replacing a document's text never leaves evidence pointing into
        // text that is gone.
        """
        CREATE TABLE records (
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            schema_name TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL,
            title TEXT,
            method TEXT NOT NULL,
            model_error TEXT,
            record TEXT NOT NULL,
            extracted_at INTEGER NOT NULL,
            PRIMARY KEY (kb_id, schema_name, doc_id)
        ) WITHOUT ROWID;

        CREATE INDEX records_doc ON records(doc_id);
        """,

        // 7: accounts, the audit log and uploaded originals. Users and groups are unique by name_key, the trimmed name
        // upper-cased (invariant): names compare case-insensitively beyond ASCII, which COLLATE NOCASE does not do.
        // Memberships, grants, keys and conversation owners go with their user, group, knowledge base or conversation
        // (ON DELETE CASCADE); a grant names exactly one user or group. A key's knowledge bases are a JSON array of
        // names (NULL: all of its owner's). The audit log keeps actor and knowledge base as text with no foreign keys,
        // so its entries outlive what they name, and its triggers refuse any change or deletion. An original (the file
        // a queued document was uploaded as) goes with its document.
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        );

        CREATE TABLE user_groups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL
        );

        CREATE TABLE group_members (
            group_id INTEGER NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            PRIMARY KEY (group_id, user_id)
        ) WITHOUT ROWID;

        CREATE INDEX group_members_user ON group_members(user_id);

        CREATE TABLE kb_grants (
            kb_id INTEGER NOT NULL REFERENCES knowledge_bases(id) ON DELETE CASCADE,
            user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
            group_id INTEGER REFERENCES user_groups(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            may_download INTEGER NOT NULL,
            CHECK ((user_id IS NULL) <> (group_id IS NULL))
        );

        CREATE UNIQUE INDEX kb_grants_user ON kb_grants(user_id, kb_id);
        CREATE UNIQUE INDEX kb_grants_group ON kb_grants(group_id, kb_id);
        CREATE INDEX kb_grants_kb ON kb_grants(kb_id);

        CREATE TABLE api_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL UNIQUE,
            secret_hash TEXT NOT NULL,
            kbs TEXT,
            read_only INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER,
            revoked_at INTEGER,
            last_used_at INTEGER
        );

        CREATE INDEX api_keys_user ON api_keys(user_id, id);

        CREATE TABLE conversation_owners (
            conversation_id TEXT NOT NULL PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE
        );

        CREATE INDEX conversation_owners_user ON conversation_owners(user_id);

        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            key_name TEXT,
            action TEXT NOT NULL,
            kb TEXT,
            doc_id TEXT,
            detail TEXT,
            remote TEXT,
            status INTEGER NOT NULL
        );

        CREATE INDEX audit_log_kb ON audit_log(kb, id);
        CREATE INDEX audit_log_actor ON audit_log(actor, id);
        CREATE INDEX audit_log_action ON audit_log(action, id);

        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only');
        END;

        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only');
        END;

        CREATE TABLE document_originals (
            doc_id TEXT NOT NULL PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL,
            content BLOB NOT NULL,
            stored_at INTEGER NOT NULL
        );
        """,
    ];

    /// <summary>The schema version this code reads and writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>
    /// The ASCII tokenizer with every printable ASCII punctuation character declared a token character. Terms arrive
    /// already analyzed and space-joined, so the only separator left is the space: "92%", "gpt-4", "qwen2.5", "c#",
    /// "a\"b" are each exactly one token, and all non-ASCII characters (CJK) are token characters by definition of the
    /// ascii tokenizer. It folds only A–Z to a–z, which <see cref="FtsQuery.Fold"/> reproduces for vocabulary lookups
    /// (unicode61 folds far more and could not be reproduced exactly). The value is quoted twice: once as an FTS5
    /// option string and once as an SQL string literal.
    /// </summary>
    private static readonly string TokenizerOption =
        ("ascii tokenchars '" + "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".Replace("'", "''", StringComparison.Ordinal) + "'")
        .Replace("'", "''", StringComparison.Ordinal);

    public static void Migrate(StoreConnection connection)
    {
        using SqliteTransaction transaction = connection.Connection.BeginTransaction(deferred: false);
        using (SqliteCommand read = connection.Connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "PRAGMA user_version";
            int version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version > CurrentVersion)
            {
                throw new Errors.WenjinException(
                    Errors.WenjinErrorKind.Conflict,
                    $"The database '{connection.Connection.DataSource}' has schema version {version}; this Wenjin reads up to {CurrentVersion}. Use a newer Wenjin.");
            }

            for (int next = version; next < CurrentVersion; next++)
            {
                connection.ExecuteNonQuery(Migrations[next], transaction);
            }

            if (version != CurrentVersion)
            {
                connection.ExecuteNonQuery($"PRAGMA user_version = {CurrentVersion}", transaction);
            }
        }

        transaction.Commit();
    }

    /// <summary>
    /// The index of one knowledge base: an FTS5 table with columns (title, heading, body) whose rowid is chunks.id,
    /// and a vocabulary table giving each term's document frequency. One index per knowledge base keeps knowledge
    /// bases isolated without a filter inside the query, and makes bm25's IDF and the document frequencies exact
    /// per knowledge base.
    /// <para>
    /// Contentless with contentless_delete=1 rather than external content: the terms are already stored in
    /// chunks/documents for <see cref="ChunkCandidate"/>, deleting needs only the rowid (an external-content delete
    /// must repeat the exact old values, and a mismatch silently corrupts the index), and the index never reads the
    /// chunks table. The index only chooses candidates (the ranker scores them from the stored term lists), so each
    /// chunk's distinct terms are indexed once: bm25 here sees presence per column, and indexing costs much less than
    /// every token would. detail=full stays: FTS5's bm25 returns no usable score with detail=column on this table.
    /// </para>
    /// </summary>
    public static string CreateIndexSql(IndexTables tables) =>
        $"""
        CREATE VIRTUAL TABLE {tables.Fts} USING fts5(
            title, heading, body,
            content = '', contentless_delete = 1, detail = full,
            tokenize = '{TokenizerOption}');
        CREATE VIRTUAL TABLE {tables.Vocabulary} USING fts5vocab({tables.Fts}, row);
        """;

    public static string DropIndexSql(IndexTables tables) =>
        $"""
        DROP TABLE IF EXISTS {tables.Vocabulary};
        DROP TABLE IF EXISTS {tables.Fts};
        """;
}
