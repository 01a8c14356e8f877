using Microsoft.Data.Sqlite;
using Wenjin.Analysis;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Storage;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>The conformance suite on real SQLite files, plus what only the SQLite backend promises.</summary>
public sealed class SqliteKnowledgeStoreTests : KnowledgeStoreConformanceTests
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 1);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wenjin-store-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "nested", "dir", "wenjin.db");

    protected override IKnowledgeStore CreateStore() => SqliteKnowledgeStore.Open(DatabasePath);

    public override void Dispose()
    {
        base.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Open_CreatesDirectoriesAndVersionedSchema()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);

        Assert.True(File.Exists(DatabasePath));
        Assert.Equal(DatabasePath, ((SqliteKnowledgeStore)Store).DatabasePath);
        Assert.Equal(7L, QueryScalar("PRAGMA user_version"));
        Assert.Equal("wal", QueryScalar("PRAGMA journal_mode"));
    }

    [Fact]
    public void Open_UpgradesAVersion1Database_KeepingItsDocuments()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("doc", null, "旧版 数据库 内容"));
        Store.Dispose();
        ExecuteDirect("DROP TABLE document_originals; DROP TABLE audit_log; DROP TABLE conversation_owners; DROP TABLE api_keys; DROP TABLE kb_grants; DROP TABLE group_members; DROP TABLE user_groups; DROP TABLE users; DROP TABLE records; DROP TABLE conversation_turns; DROP TABLE conversations; DROP TABLE chunk_vectors; DROP TABLE kb_embeddings; DROP TABLE ingest_jobs; ALTER TABLE chunks DROP COLUMN page_breaks; ALTER TABLE knowledge_bases DROP COLUMN revision; PRAGMA user_version = 1;");

        using var upgraded = SqliteKnowledgeStore.Open(DatabasePath);

        Assert.Equal(7L, QueryScalar("PRAGMA user_version"));
        var hit = Assert.Single(upgraded.FindCandidates("kb", [new Wenjin.Analysis.QueryTerm("旧版", 1, 0)], 10));
        Assert.Empty(hit.PageBreaks);
    }

    [Fact]
    public void Open_DatabaseFromNewerVersion_IsRefused()
    {
        Store.Dispose();
        ExecuteDirect("PRAGMA user_version = 99");

        var error = Assert.Throws<WenjinException>(() => SqliteKnowledgeStore.Open(DatabasePath));

        Assert.Equal(WenjinErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void SaveDocument_ThatFailsWhileWritingChunks_LeavesPreviousVersionIntact()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentInfo original = Store.SaveDocument("kb", SampleDocuments.Create("doc", "旧", "原来 的 内容", "第二 块"));
        DocumentWrite replacement = SampleDocuments.CreateWithHash("doc", "新", "hash-new", "新的 内容", "更多 新的");
        DocumentWrite failing = replacement with { Chunks = new ThrowingChunkList([replacement.Chunks[0]]) };

        Assert.Throws<InvalidOperationException>(() => Store.SaveDocument("kb", failing));

        AssertOnlyOriginalVersion(original);
    }

    [Fact]
    public void SaveDocument_WithDuplicateChunkOrdinals_IsRejectedAndLeavesPreviousVersionIntact()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentInfo original = Store.SaveDocument("kb", SampleDocuments.Create("doc", "旧", "原来 的 内容", "第二 块"));
        DocumentWrite replacement = SampleDocuments.CreateWithHash("doc", "新", "hash-new", "新的 内容");
        IndexedChunk chunk = replacement.Chunks[0];
        DocumentWrite duplicate = replacement with { Chunks = [chunk, chunk] };

        var error = Assert.Throws<WenjinException>(() => Store.SaveDocument("kb", duplicate));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Equal("store", error.Stage);
        AssertOnlyOriginalVersion(original);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("")]
    [InlineData("tab\tbed")]
    [InlineData("全角\u3000空格")]
    public void SaveDocument_WithTermThatCannotBeStoredAsOneToken_IsRejectedAndLeavesPreviousVersionIntact(string badTerm)
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentInfo original = Store.SaveDocument("kb", SampleDocuments.Create("doc", "旧", "原来 的 内容", "第二 块"));
        DocumentWrite replacement = SampleDocuments.CreateWithHash("doc", "新", "hash-new", "新的 内容", "更多 新的");
        IndexedChunk second = replacement.Chunks[1];
        DocumentWrite bad = replacement with { Chunks = [replacement.Chunks[0], second with { BodyTerms = ["更多", badTerm] }] };

        var error = Assert.Throws<WenjinException>(() => Store.SaveDocument("kb", bad));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        AssertOnlyOriginalVersion(original);
    }

    [Fact]
    public void DeletedKnowledgeBase_LeavesNoRowsBehind()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.SaveDocument("kb", SampleDocuments.Create("doc", "标题", "一 二", "三 四"));
        Store.SaveFailure("kb", new DocumentFailure("bad", null, "error", "parse"));

        Store.DeleteKnowledgeBase("kb");

        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM documents"));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM document_texts"));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM chunks"));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM sqlite_master WHERE name LIKE 'fts%'"));
    }

    [Fact]
    public void Optimize_KeepsSearchResultsAndStatistics()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        for (int i = 0; i < 20; i++)
        {
            Store.SaveDocument("kb", SampleDocuments.Create($"doc{i}", $"标题 {i}", $"共同 词 {i}", "共同 第二"));
        }

        Store.DeleteDocument("kb", Store.FindDocumentBySource("kb", "doc3")!.Id);
        IReadOnlyList<ChunkCandidate> before = Store.FindCandidates("kb", Query("共同"), 50);
        IndexStatistics statisticsBefore = Store.GetStatistics("kb", ["共同", "7"]);

        ((SqliteKnowledgeStore)Store).Optimize();

        IReadOnlyList<ChunkCandidate> after = Store.FindCandidates("kb", Query("共同"), 50);
        Assert.Equal(38, after.Count);
        Assert.Equal(before.Select(hit => hit.ChunkId), after.Select(hit => hit.ChunkId));
        IndexStatistics statisticsAfter = Store.GetStatistics("kb", ["共同", "7"]);
        Assert.Equal(38, statisticsAfter.DocumentFrequency["共同"]);
        Assert.Equal(statisticsBefore.DocumentFrequency["7"], statisticsAfter.DocumentFrequency["7"]);
    }

    [Fact]
    public async Task Readers_RunWhileAWriterWrites_AndNeverSeeHalfADocument()
    {
        const int Documents = 150;
        const int ChunksPerDocument = 3;
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        CancellationToken cancellation = TestContext.Current.CancellationToken;
        using var writerDone = new CancellationTokenSource();

        Task writer = Task.Run(
            () =>
            {
                try
                {
                    for (int i = 0; i < Documents; i++)
                    {
                        Store.SaveDocument("kb", SampleDocuments.Create($"doc{i}", null, $"共同 甲 {i}", $"共同 乙 {i}", $"共同 丙 {i}"));
                    }
                }
                finally
                {
                    writerDone.Cancel();
                }
            },
            cancellation);

        Task<int>[] readers = Enumerable.Range(0, 3).Select(_ => Task.Run(
            () =>
            {
                int observations = 0;
                long lastSeen = 0;
                while (!writerDone.IsCancellationRequested || observations == 0)
                {
                    int hits = Store.FindCandidates("kb", Query("共同"), 10_000).Count;
                    IndexStatistics statistics = Store.GetStatistics("kb", ["共同"]);
                    Assert.Equal(0, hits % ChunksPerDocument);
                    Assert.Equal(0, statistics.ChunkCount % ChunksPerDocument);
                    Assert.Equal(statistics.ChunkCount, statistics.DocumentFrequency["共同"]);
                    Assert.True(hits >= lastSeen, "a reader saw fewer chunks than before");
                    lastSeen = hits;
                    observations++;
                }

                return observations;
            },
            cancellation)).ToArray();

        await writer;
        int[] observed = await Task.WhenAll(readers);

        Assert.All(observed, count => Assert.True(count > 0));
        Assert.Equal(Documents * ChunksPerDocument, Store.FindCandidates("kb", Query("共同"), 10_000).Count);
        Assert.Equal(Documents, Store.FindKnowledgeBase("kb")!.DocumentCount);
    }

    [Fact]
    public void TwoStoresOnOneFile_SeeEachOthersWrites()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        using IKnowledgeStore second = SqliteKnowledgeStore.Open(DatabasePath);

        second.SaveDocument("kb", SampleDocuments.Create("doc", null, "另一个 进程"));

        Assert.Single(Store.FindCandidates("kb", Query("进程"), 10));
        Assert.Equal(1, Store.GetStatistics("kb", ["进程"]).DocumentFrequency["进程"]);
    }

    [Fact]
    public void DisposedStore_Throws()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        Store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Store.ListKnowledgeBases());
        Assert.Throws<ObjectDisposedException>(() => Store.CreateKnowledgeBase("other", null, Analyzer));
    }

    [Fact]
    public void Batch_CommitsGroupsOfWrites_AndReadersSeeThemAfterEachGroupCommit()
    {
        var store = (SqliteKnowledgeStore)Store;
        store.CreateKnowledgeBase("kb", null, Analyzer);
        using IKnowledgeStore observer = SqliteKnowledgeStore.Open(DatabasePath);

        using (store.BeginBatch(maxWrites: 3))
        {
            store.SaveDocument("kb", SampleDocuments.Create("d1", null, "批量 一"));
            store.SaveDocument("kb", SampleDocuments.Create("d2", null, "批量 二"));
            Assert.Empty(observer.FindCandidates("kb", Query("批量"), 10));
            Assert.Empty(store.FindCandidates("kb", Query("批量"), 10));

            store.SaveDocument("kb", SampleDocuments.Create("d3", null, "批量 三"));
            Assert.Equal(3, observer.FindCandidates("kb", Query("批量"), 10).Count);

            store.SaveDocument("kb", SampleDocuments.Create("d4", null, "批量 四"));
            Assert.Equal(3, observer.FindCandidates("kb", Query("批量"), 10).Count);
        }

        Assert.Equal(4, observer.FindCandidates("kb", Query("批量"), 10).Count);
        Assert.Equal(4, observer.FindKnowledgeBase("kb")!.DocumentCount);
    }

    [Fact]
    public void Batch_FailedWrite_LeavesNoTraceAndOtherWritesOfTheBatchStay()
    {
        var store = (SqliteKnowledgeStore)Store;
        store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentInfo original = store.SaveDocument("kb", SampleDocuments.Create("doc", "旧", "原来 的 内容", "第二 块"));
        DocumentWrite replacement = SampleDocuments.CreateWithHash("doc", "新", "hash-new", "新的 内容", "更多 新的");

        using (store.BeginBatch())
        {
            store.SaveDocument("kb", SampleDocuments.Create("before", null, "之前 写入"));
            Assert.Throws<InvalidOperationException>(() =>
                store.SaveDocument("kb", replacement with { Chunks = new ThrowingChunkList([replacement.Chunks[0]]) }));
            store.SaveDocument("kb", SampleDocuments.Create("after", null, "之后 写入"));
        }

        Assert.Equal(2, store.FindCandidates("kb", Query("写入"), 10).Count);
        Assert.Equal(original, store.FindDocumentBySource("kb", "doc"));
        Assert.Empty(store.FindCandidates("kb", Query("新的"), 10));
        Assert.Equal(3, store.FindKnowledgeBase("kb")!.DocumentCount);
        Assert.Equal(4, store.FindKnowledgeBase("kb")!.ChunkCount);
    }

    [Fact]
    public void Batch_OpenAtDispose_IsCommitted()
    {
        var store = (SqliteKnowledgeStore)Store;
        store.CreateKnowledgeBase("kb", null, Analyzer);
        store.BeginBatch();
        store.SaveDocument("kb", SampleDocuments.Create("doc", null, "保存 了"));
        Assert.Throws<InvalidOperationException>(() => store.BeginBatch());
        Assert.Throws<InvalidOperationException>(store.Optimize);

        store.Dispose();

        using IKnowledgeStore reopened = SqliteKnowledgeStore.Open(DatabasePath);
        Assert.Single(reopened.FindCandidates("kb", Query("保存"), 10));
    }

    [Fact]
    public void FindCandidates_LeavesOutTermsInMostChunksWhenRarerTermsMatch()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        for (int i = 0; i < 6; i++)
        {
            Store.SaveDocument("kb", SampleDocuments.Create($"doc{i}", null, i == 4 ? "的 稀有 词" : "的 普通 词"));
        }

        IReadOnlyList<ChunkCandidate> rare = Store.FindCandidates("kb", Query("的", "稀有"), 10);
        IReadOnlyList<ChunkCandidate> commonOnly = Store.FindCandidates("kb", Query("的", "缺席"), 10);

        Assert.Equal(["doc4"], rare.Select(hit => hit.SourceId));
        Assert.Equal(6, commonOnly.Count);
    }

    private void AssertOnlyOriginalVersion(DocumentInfo original)
    {
        Assert.Equal(original, Store.FindDocumentBySource("kb", "doc"));
        Assert.Equal("原来 的 内容\n第二 块", Store.GetDocumentText("kb", original.Id));
        Assert.Equal(2, Store.FindCandidates("kb", Query("原来", "第二"), 10).Count);
        Assert.Empty(Store.FindCandidates("kb", Query("新的", "更多", "新"), 10));
        KnowledgeBaseInfo kb = Store.FindKnowledgeBase("kb")!;
        Assert.Equal(1, kb.DocumentCount);
        Assert.Equal(2, kb.ChunkCount);
        IndexStatistics statistics = Store.GetStatistics("kb", ["原来", "新的"]);
        Assert.Equal(2, statistics.ChunkCount);
        Assert.Equal(1, statistics.DocumentFrequency["原来"]);
        Assert.Equal(0, statistics.DocumentFrequency["新的"]);
        Assert.Equal(2L, QueryScalar("SELECT count(*) FROM chunks"));
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM document_texts"));
    }

    private object? QueryScalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void ExecuteDirect(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Open_CreatesTheQueueAndConversationTablesOfMigration3()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);

        Assert.Equal(7L, QueryScalar("PRAGMA user_version"));
        Assert.Equal(3L, QueryScalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('ingest_jobs', 'conversations', 'conversation_turns')"));
    }

    [Fact]
    public void Open_UpgradesAVersion2Database_ToAWorkingQueueAndConversationStore()
    {
        Store.CreateKnowledgeBase("kb", null, Analyzer);
        DocumentInfo saved = Store.SaveDocument("kb", SampleDocuments.Create("doc", null, "第二版 数据库 内容"));
        Store.Dispose();
        ExecuteDirect("DROP TABLE document_originals; DROP TABLE audit_log; DROP TABLE conversation_owners; DROP TABLE api_keys; DROP TABLE kb_grants; DROP TABLE group_members; DROP TABLE user_groups; DROP TABLE users; DROP TABLE records; DROP TABLE conversation_turns; DROP TABLE conversations; DROP TABLE chunk_vectors; DROP TABLE kb_embeddings; DROP TABLE ingest_jobs; ALTER TABLE knowledge_bases DROP COLUMN revision; PRAGMA user_version = 2;");

        using var upgraded = SqliteKnowledgeStore.Open(DatabasePath);
        using var queue = SqliteIngestQueue.Open(upgraded);
        using var conversations = SqliteConversationStore.Open(upgraded);
        var queued = Assert.Single(queue.Enqueue("kb", [new DocumentSource("doc", "doc.txt", [0x41])]));
        string conversation = conversations.Create("kb", "升级后的对话");

        Assert.Equal(7L, QueryScalar("PRAGMA user_version"));
        Assert.Equal(saved, upgraded.GetDocument("kb", saved.Id));
        Assert.Equal(saved.Id, queued.Id);
        Assert.Equal("升级后的对话", conversations.Get("kb", conversation)!.Title);
    }
}
