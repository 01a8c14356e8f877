using Microsoft.Data.Sqlite;
using Wenjin.Analysis;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Storage;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>Uploaded originals, kept by the ingestion queue when a job completes, in the store's SQLite file.</summary>
public sealed class OriginalStoreTests : IDisposable
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 1);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wenjin-original-tests", Guid.NewGuid().ToString("N"));
    private SqliteKnowledgeStore _store;
    private SqliteIngestQueue _queue;
    private SqliteOriginalStore _originals;

    public OriginalStoreTests()
    {
        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _queue = SqliteIngestQueue.Open(_store);
        _originals = SqliteOriginalStore.Open(_store);
        _store.CreateKnowledgeBase("kb", null, Analyzer);
    }

    private string DatabasePath => Path.Combine(_directory, "wenjin.db");

    public void Dispose()
    {
        _originals.Dispose();
        _queue.Dispose();
        _store.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void ADocumentStoredWithoutTheQueue_HasNoOriginal()
    {
        var saved = _store.SaveDocument("kb", SampleDocuments.Create("doc.txt", null, "内容"));

        Assert.Null(_originals.GetOriginal("kb", saved.Id));
        Assert.Null(_originals.GetOriginal("kb", "0123456789abcdef"));
    }

    [Fact]
    public void UnknownKnowledgeBase_IsNotFound()
    {
        var error = Assert.Throws<WenjinException>(() => _originals.GetOriginal("missing", "0123456789abcdef"));

        Assert.Equal(WenjinErrorKind.NotFound, error.Kind);
        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300_000)]
    public void Complete_KeepsTheUploadByteForByte_UnderItsFileName(int length)
    {
        byte[] content = new byte[length];
        new Random(length).NextBytes(content);

        string docId = Ingest("reports/2024.pdf", "2024 年度报告.pdf", content);
        var original = _originals.GetOriginal("kb", docId);

        Assert.NotNull(original);
        Assert.Equal(docId, original.DocId);
        Assert.Equal("2024 年度报告.pdf", original.FileName);
        Assert.Equal(content, original.Content.ToArray());
    }

    [Fact]
    public void GetOriginal_DoesNotAnswerForADocumentOfAnotherKnowledgeBase()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        string docId = Ingest("a.txt", "a.txt", [1, 2, 3]);

        Assert.NotNull(_originals.GetOriginal("kb", docId));
        Assert.Null(_originals.GetOriginal("other", docId));
    }

    [Fact]
    public void ANewUpload_ReplacesTheOriginal()
    {
        string first = Ingest("a.txt", "a-v1.txt", [1, 1, 1]);
        string second = Ingest("a.txt", "a-v2.txt", [2, 2]);
        var original = _originals.GetOriginal("kb", second);

        Assert.Equal(first, second);
        Assert.NotNull(original);
        Assert.Equal("a-v2.txt", original.FileName);
        Assert.Equal([2, 2], original.Content.ToArray());
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM document_originals"));
    }

    [Fact]
    public void AFailedUploadOverAnIndexedVersion_KeepsTheOriginalOfTheIndexedText()
    {
        string docId = Ingest("a.txt", "a.txt", [1, 1, 1]);
        _queue.Enqueue("kb", [new DocumentSource("a.txt", "a-broken.txt", [9, 9])]);
        var (job, _) = Assert.Single(_queue.Take(10));
        var failed = _store.SaveFailure("kb", new DocumentFailure("a.txt", null, "unreadable", "parse"));

        bool completed = _queue.Complete(job.Id);
        var original = _originals.GetOriginal("kb", docId);

        Assert.True(completed);
        Assert.Equal(DocumentStatus.Indexed, failed.Status);
        Assert.NotNull(original);
        Assert.Equal("a.txt", original.FileName);
        Assert.Equal([1, 1, 1], original.Content.ToArray());
    }

    [Fact]
    public void AFailedFirstUpload_KeepsItsFile()
    {
        _queue.Enqueue("kb", [new DocumentSource("bad.pdf", "bad.pdf", [0x25, 0x50, 0x44])]);
        var (job, _) = Assert.Single(_queue.Take(10));
        var failed = _store.SaveFailure("kb", new DocumentFailure("bad.pdf", null, "unreadable", "parse"));

        _queue.Complete(job.Id);
        var original = _originals.GetOriginal("kb", failed.Id);

        Assert.Equal(DocumentStatus.Failed, failed.Status);
        Assert.NotNull(original);
        Assert.Equal([0x25, 0x50, 0x44], original.Content.ToArray());
    }

    [Fact]
    public void AJobWithoutADocument_KeepsNothing()
    {
        // A .jsonl job's id is the file's, and its records are stored as documents of their own.
        _queue.Enqueue("kb", [new DocumentSource("records.jsonl", "records.jsonl", "{\"id\":\"r1\",\"text\":\"内容\"}"u8.ToArray())]);
        var (job, _) = Assert.Single(_queue.Take(10));
        var record = _store.SaveDocument("kb", SampleDocuments.Create("records.jsonl#r1", null, "内容"));

        bool completed = _queue.Complete(job.Id);

        Assert.True(completed);
        Assert.Null(_originals.GetOriginal("kb", job.DocId));
        Assert.Null(_originals.GetOriginal("kb", record.Id));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM document_originals"));
    }

    [Fact]
    public void AJobCancelledWhileProcessed_KeepsNothing()
    {
        _queue.Enqueue("kb", [new DocumentSource("a.txt", "a.txt", [1, 2, 3])]);
        var (job, _) = Assert.Single(_queue.Take(10));
        _store.SaveDocument("kb", SampleDocuments.Create("a.txt", null, "内容"));
        _queue.Cancel("kb", job.DocId);

        bool completed = _queue.Complete(job.Id);

        Assert.False(completed);
        Assert.Null(_originals.GetOriginal("kb", job.DocId));
    }

    [Fact]
    public void TheOriginalGoesWithItsDocument_AndWithItsKnowledgeBase()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        string deleted = Ingest("a.txt", "a.txt", [1]);
        string replaced = Ingest("b.txt", "b.txt", [2]);
        string kept = Ingest("c.txt", "c.txt", [3]);
        string elsewhere = Ingest("d.txt", "d.txt", [4], "other");

        _store.DeleteDocument("kb", deleted);
        _store.SaveDocument("kb", SampleDocuments.Create("b.txt", null, "命令行 重新 导入"));
        var afterDocuments = QueryScalar("SELECT count(*) FROM document_originals");
        var elsewhereBefore = _originals.GetOriginal("other", elsewhere);
        _store.DeleteKnowledgeBase("other");

        Assert.Null(_originals.GetOriginal("kb", deleted));
        Assert.Null(_originals.GetOriginal("kb", replaced));
        Assert.Equal([3], _originals.GetOriginal("kb", kept)!.Content.ToArray());
        Assert.Equal(2L, afterDocuments);
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM document_originals"));
        Assert.Equal([4], elsewhereBefore!.Content.ToArray());
    }

    [Fact]
    public void AStoreOpenedAfterARestart_StillHasTheOriginal()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, 0xE9, 0x97, 0xAE, 0x00, 0xFF, 0x0A];
        string docId = Ingest("a.txt", "a.txt", content);
        _originals.Dispose();
        _queue.Dispose();
        _store.Dispose();

        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _queue = SqliteIngestQueue.Open(_store);
        _originals = SqliteOriginalStore.Open(_store);

        Assert.Equal(content, _originals.GetOriginal("kb", docId)!.Content.ToArray());
    }

    /// <summary>Queues a file, stores its document as the worker would, completes the job; returns the document id.</summary>
    private string Ingest(string sourceId, string fileName, byte[] content, string kb = "kb")
    {
        var queued = Assert.Single(_queue.Enqueue(kb, [new DocumentSource(sourceId, fileName, content)]));
        var (job, _) = Assert.Single(_queue.Take(10));
        Assert.Equal(queued.JobId, job.Id);
        var saved = _store.SaveDocument(kb, SampleDocuments.Create(sourceId, null, "内容"));
        Assert.True(_queue.Complete(job.Id));
        Assert.Equal(queued.Id, saved.Id);
        return saved.Id;
    }

    private object? QueryScalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
