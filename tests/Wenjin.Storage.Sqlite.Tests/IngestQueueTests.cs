using Microsoft.Data.Sqlite;
using Wenjin.Analysis;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Ingestion;
using Wenjin.Storage;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>The durable ingestion queue in the store's SQLite file.</summary>
public sealed class IngestQueueTests : IDisposable
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 1);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wenjin-queue-tests", Guid.NewGuid().ToString("N"));
    private SqliteKnowledgeStore _store;
    private SqliteIngestQueue _queue;

    public IngestQueueTests()
    {
        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _queue = SqliteIngestQueue.Open(_store);
        _store.CreateKnowledgeBase("kb", null, Analyzer);
    }

    private string DatabasePath => Path.Combine(_directory, "wenjin.db");

    public void Dispose()
    {
        _queue.Dispose();
        _store.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Enqueue_ReturnsTheDocumentIdsTheStoreGivesTheSameSources()
    {
        var queued = _queue.Enqueue("kb", [Source("reports/2024.txt", "年度报告"), Source("faq.html", "<p>问答</p>")]);

        var stored2024 = _store.SaveDocument("kb", SampleDocuments.Create("reports/2024.txt", null, "年度 报告"));
        var storedFaq = _store.SaveDocument("kb", SampleDocuments.Create("faq.html", null, "问答"));

        Assert.Equal([stored2024.Id, storedFaq.Id], queued.Select(q => q.Id));
        Assert.Equal(["reports/2024.txt", "faq.html"], queued.Select(q => q.SourceId));
        Assert.Equal(["reports/2024.txt", "faq.html"], queued.Select(q => q.FileName));
        Assert.Equal(2, queued.Select(q => q.JobId).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300_000)]
    public void Take_ReturnsTheQueuedContentByteForByte(int length)
    {
        byte[] content = new byte[length];
        new Random(length).NextBytes(content);
        _queue.Enqueue("kb", [new DocumentSource("blob.pdf", "blob.pdf", content)]);

        var (job, source) = Assert.Single(_queue.Take(10));

        Assert.Equal(content, source.Content);
        Assert.Equal("blob.pdf", source.SourceId);
        Assert.Equal("blob.pdf", source.FileName);
        Assert.Equal(length, job.Bytes);
    }

    [Fact]
    public void Take_MarksJobsParsingAndCountsTheAttempt()
    {
        var queued = Assert.Single(_queue.Enqueue("kb", [Source("a.txt", "内容")]));
        var listedBefore = Assert.Single(_queue.List("kb"));

        var (job, _) = Assert.Single(_queue.Take(10));

        Assert.Equal(DocumentStatus.Queued, listedBefore.Status);
        Assert.Equal(0, listedBefore.Attempts);
        Assert.Equal(queued.JobId, job.Id);
        Assert.Equal(queued.Id, job.DocId);
        Assert.Equal("kb", job.Kb);
        Assert.Equal(DocumentStatus.Parsing, job.Status);
        Assert.Equal(1, job.Attempts);
        var listed = Assert.Single(_queue.List("kb"));
        Assert.Equal(DocumentStatus.Parsing, listed.Status);
        Assert.Equal(1, listed.Attempts);
        Assert.Empty(_queue.Take(10));
    }

    [Fact]
    public void Take_HandsOutOldestFirstAndAtMostMax()
    {
        _queue.Enqueue("kb", [Source("1.txt", "一"), Source("2.txt", "二")]);
        _queue.Enqueue("kb", [Source("3.txt", "三")]);

        var first = _queue.Take(2);
        var second = _queue.Take(2);

        Assert.Equal(["1.txt", "2.txt"], first.Select(t => t.Source.SourceId));
        Assert.Equal(["3.txt"], second.Select(t => t.Source.SourceId));
        Assert.Empty(_queue.Take(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _queue.Take(0));
    }

    [Fact]
    public void Enqueue_AgainWhileStillQueued_ReplacesTheWaitingVersion()
    {
        var older = Assert.Single(_queue.Enqueue("kb", [Source("a.txt", "旧版本")]));
        _queue.Enqueue("kb", [Source("b.txt", "其他文档")]);
        var newer = Assert.Single(_queue.Enqueue("kb", [Source("a.txt", "新版本内容")]));

        var jobs = _queue.List("kb");
        var taken = _queue.Take(10);

        Assert.Equal(older.Id, newer.Id);
        Assert.NotEqual(older.JobId, newer.JobId);
        Assert.Equal(["b.txt", "a.txt"], jobs.Select(j => j.SourceId));
        Assert.DoesNotContain(jobs, j => j.Id == older.JobId);
        Assert.Equal("新版本内容", Text(taken.Single(t => t.Source.SourceId == "a.txt").Source));
        Assert.Equal(2, taken.Count);
    }

    [Fact]
    public void Enqueue_WhileAnEarlierVersionIsProcessed_LeavesItAloneAndWaitsUntilItCompletes()
    {
        _queue.Enqueue("kb", [Source("a.txt", "第一版")]);
        var (running, _) = Assert.Single(_queue.Take(10));
        var newer = Assert.Single(_queue.Enqueue("kb", [Source("a.txt", "第二版"), Source("b.txt", "别的")]), q => q.SourceId == "a.txt");

        var whileRunning = _queue.Take(10);
        var listed = _queue.List("kb").Where(j => j.SourceId == "a.txt").ToArray();
        _queue.Complete(running.Id);
        var afterwards = _queue.Take(10);

        Assert.Equal(["b.txt"], whileRunning.Select(t => t.Source.SourceId));
        Assert.Equal([(running.Id, DocumentStatus.Parsing), (newer.JobId, DocumentStatus.Queued)], listed.Select(j => (j.Id, j.Status)));
        var (job, source) = Assert.Single(afterwards);
        Assert.Equal(newer.JobId, job.Id);
        Assert.Equal("第二版", Text(source));
    }

    [Fact]
    public void Release_OfAnOlderVersion_WhileANewerWaits_StillHandsOutOneJobPerDocument()
    {
        _queue.Enqueue("kb", [Source("a.txt", "第一版")]);
        var (running, _) = Assert.Single(_queue.Take(10));
        _queue.Enqueue("kb", [Source("a.txt", "第二版")]);

        _queue.Release(running.Id);
        var taken = _queue.Take(10);

        // Take promises at most one job per document: two versions of a.txt in one batch would be ingested side by
        // side, and whichever is stored last wins.
        Assert.Single(taken);
        Assert.Equal("第二版", Text(taken[0].Source));
    }

    [Fact]
    public void Recover_WhileANewerVersionWaits_StillHandsOutOneJobPerDocument()
    {
        _queue.Enqueue("kb", [Source("a.txt", "第一版")]);
        Assert.Single(_queue.Take(10));
        _queue.Enqueue("kb", [Source("a.txt", "第二版")]);

        _queue.Recover();
        var taken = _queue.Take(10);

        Assert.Single(taken);
        Assert.Equal("第二版", Text(taken[0].Source));
    }

    [Fact]
    public void SetStatus_MovesATakenJobToIndexing_AndRejectsOtherStatuses()
    {
        _queue.Enqueue("kb", [Source("a.txt", "内容")]);
        var (job, _) = Assert.Single(_queue.Take(1));

        _queue.SetStatus(job.Id, DocumentStatus.Indexing);
        var indexing = Assert.Single(_queue.List("kb")).Status;
        _queue.SetStatus(job.Id, DocumentStatus.Parsing);
        var parsing = Assert.Single(_queue.List("kb")).Status;

        Assert.Equal(DocumentStatus.Indexing, indexing);
        Assert.Equal(DocumentStatus.Parsing, parsing);
        Assert.Throws<ArgumentOutOfRangeException>(() => _queue.SetStatus(job.Id, DocumentStatus.Queued));
        Assert.Throws<ArgumentOutOfRangeException>(() => _queue.SetStatus(job.Id, DocumentStatus.Indexed));
        Assert.Throws<ArgumentOutOfRangeException>(() => _queue.SetStatus(job.Id, DocumentStatus.Failed));
        Assert.Equal(DocumentStatus.Parsing, Assert.Single(_queue.List("kb")).Status);
    }

    [Fact]
    public void Release_PutsATakenJobBackWithItsAttemptCounted()
    {
        _queue.Enqueue("kb", [Source("a.txt", "内容")]);
        var (job, _) = Assert.Single(_queue.Take(1));
        _queue.SetStatus(job.Id, DocumentStatus.Indexing);

        _queue.Release(job.Id);
        var released = Assert.Single(_queue.List("kb"));
        var (again, source) = Assert.Single(_queue.Take(1));

        Assert.Equal(DocumentStatus.Queued, released.Status);
        Assert.Equal(1, released.Attempts);
        Assert.Equal(job.Id, again.Id);
        Assert.Equal(2, again.Attempts);
        Assert.Equal("内容", Text(source));
    }

    [Fact]
    public void Complete_RemovesTheJobAndItsContent()
    {
        _queue.Enqueue("kb", [Source("a.txt", "内容"), Source("b.txt", "别的")]);
        var taken = _queue.Take(1);

        _queue.Complete(taken[0].Job.Id);

        Assert.Equal(["b.txt"], _queue.List("kb").Select(j => j.SourceId));
        Assert.Equal(["b.txt"], _queue.Take(10).Select(t => t.Source.SourceId));
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM ingest_jobs"));
    }

    [Fact]
    public void Complete_KeepsTheContentAsTheDocumentsOriginal_UntilTheDocumentIsDeleted()
    {
        byte[] content = [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0xE9, 0x97, 0xAE];
        using var originals = SqliteOriginalStore.Open(_store);
        var queued = Assert.Single(_queue.Enqueue("kb", [new DocumentSource("reports/2024.pdf", "2024 年度报告.pdf", content)]));
        var (job, _) = Assert.Single(_queue.Take(10));
        var saved = _store.SaveDocument("kb", SampleDocuments.Create("reports/2024.pdf", null, "年度 报告"));

        bool completed = _queue.Complete(job.Id);
        var original = originals.GetOriginal("kb", saved.Id);
        _store.DeleteDocument("kb", saved.Id);

        Assert.True(completed);
        Assert.Equal(queued.Id, saved.Id);
        Assert.NotNull(original);
        Assert.Equal("2024 年度报告.pdf", original.FileName);
        Assert.Equal(content, original.Content.ToArray());
        Assert.Null(originals.GetOriginal("kb", saved.Id));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM document_originals"));
    }

    [Fact]
    public void List_ShowsOnlyThatKnowledgeBasesJobsOldestFirst()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        _queue.Enqueue("kb", [Source("2.txt", "二")]);
        _queue.Enqueue("other", [Source("x.txt", "外")]);
        _queue.Enqueue("kb", [Source("1.txt", "一")]);

        var kb = _queue.List("kb");
        var other = _queue.List("other");

        Assert.Equal(["2.txt", "1.txt"], kb.Select(j => j.SourceId));
        Assert.All(kb, j => Assert.Equal("kb", j.Kb));
        Assert.Equal("x.txt", Assert.Single(other).SourceId);
        Assert.Equal("other", other[0].Kb);
        Assert.True(kb[0].Id < kb[1].Id);
        Assert.All(kb, j => Assert.True(j.CreatedAt > DateTimeOffset.UnixEpoch && j.UpdatedAt >= j.CreatedAt));
    }

    [Fact]
    public void Cancel_DropsQueuedAndRunningJobsOfOneDocumentOnly()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        var a = _queue.Enqueue("kb", [Source("a.txt", "第一版")])[0];
        _queue.Take(1);
        _queue.Enqueue("kb", [Source("a.txt", "第二版"), Source("b.txt", "别的")]);
        var inOther = _queue.Enqueue("other", [Source("a.txt", "另一个库")])[0];

        bool cancelled = _queue.Cancel("kb", a.Id);
        bool again = _queue.Cancel("kb", a.Id);
        bool wrongKb = _queue.Cancel("other", a.Id);

        Assert.True(cancelled);
        Assert.False(again);
        Assert.False(wrongKb);
        Assert.Equal(["b.txt"], _queue.List("kb").Select(j => j.SourceId));
        Assert.Equal(inOther.JobId, Assert.Single(_queue.List("other")).Id);
    }

    [Fact]
    public void Recover_PutsParsingAndIndexingJobsBackAndTheNextTakeCountsTheAttempt()
    {
        _queue.Enqueue("kb", [Source("a.txt", "一"), Source("b.txt", "二"), Source("c.txt", "三")]);
        var taken = _queue.Take(2);
        _queue.SetStatus(taken[1].Job.Id, DocumentStatus.Indexing);

        int recovered = _queue.Recover();
        var listed = _queue.List("kb");
        var retaken = _queue.Take(10);

        Assert.Equal(2, recovered);
        Assert.All(listed, j => Assert.Equal(DocumentStatus.Queued, j.Status));
        Assert.Equal([1, 1, 0], listed.Select(j => j.Attempts));
        Assert.Equal(["a.txt", "b.txt", "c.txt"], retaken.Select(t => t.Source.SourceId));
        Assert.Equal([2, 2, 1], retaken.Select(t => t.Job.Attempts));
        Assert.Equal(3, _queue.Recover());
    }

    [Fact]
    public void Recover_WithNothingInProgress_ChangesNothing()
    {
        _queue.Enqueue("kb", [Source("a.txt", "一")]);

        Assert.Equal(0, _queue.Recover());
        Assert.Equal(0, Assert.Single(_queue.List("kb")).Attempts);
    }

    [Fact]
    public void DeletingTheKnowledgeBase_RemovesItsJobs()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        _queue.Enqueue("kb", [Source("a.txt", "一"), Source("b.txt", "二")]);
        _queue.Take(1);
        _queue.Enqueue("other", [Source("c.txt", "三")]);

        _store.DeleteKnowledgeBase("kb");

        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => _queue.List("kb")).Kind);
        Assert.Equal(["c.txt"], _queue.Take(10).Select(t => t.Source.SourceId));
        _store.CreateKnowledgeBase("kb", null, Analyzer);
        Assert.Empty(_queue.List("kb"));
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM ingest_jobs"));
    }

    [Fact]
    public void UnknownKnowledgeBase_IsNotFound_AndQueuesNothing()
    {
        var enqueue = Assert.Throws<WenjinException>(() => _queue.Enqueue("missing", [Source("a.txt", "一")]));
        var list = Assert.Throws<WenjinException>(() => _queue.List("missing"));
        var cancel = Assert.Throws<WenjinException>(() => _queue.Cancel("missing", "0123456789abcdef"));

        Assert.All([enqueue, list, cancel], e => Assert.Equal(WenjinErrorKind.NotFound, e.Kind));
        Assert.Contains("missing", enqueue.Message, StringComparison.Ordinal);
        Assert.Empty(_queue.Take(10));
    }

    [Fact]
    public void Enqueue_IsAllOrNone()
    {
        var error = Assert.Throws<WenjinException>(() => _queue.Enqueue("kb", [Source("a.txt", "一"), Source(string.Empty, "二")]));

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Empty(_queue.List("kb"));
    }

    [Fact]
    public void AQueueOpenedAfterARestart_SeesTheJobsAndTheirContent()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, 0xE9, 0x97, 0xAE, 0x00, 0xFF, 0x0A];
        var queued = _queue.Enqueue("kb", [new DocumentSource("a.txt", "a.txt", content), Source("b.txt", "二")]);
        var (running, _) = _queue.Take(1)[0];
        _queue.Dispose();
        _store.Dispose();

        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _queue = SqliteIngestQueue.Open(_store);
        var listed = _queue.List("kb");
        int recovered = _queue.Recover();
        var taken = _queue.Take(10);

        Assert.Equal(queued.Select(q => (q.JobId, q.Id, q.SourceId)), listed.Select(j => (j.Id, j.DocId, j.SourceId)));
        Assert.Equal([DocumentStatus.Parsing, DocumentStatus.Queued], listed.Select(j => j.Status));
        Assert.Equal(1, recovered);
        Assert.Equal([running.Id, queued[1].JobId], taken.Select(t => t.Job.Id));
        Assert.Equal(content, taken[0].Source.Content);
        Assert.Equal(2, taken[0].Job.Attempts);
    }

    [Fact]
    public void DisposedQueue_Throws()
    {
        _queue.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _queue.List("kb"));
    }

    private static DocumentSource Source(string sourceId, string text) =>
        new(sourceId, sourceId, System.Text.Encoding.UTF8.GetBytes(text));

    private static string Text(DocumentSource source) => System.Text.Encoding.UTF8.GetString(source.Content);

    private object? QueryScalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
