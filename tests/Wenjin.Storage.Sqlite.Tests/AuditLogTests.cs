using Microsoft.Data.Sqlite;
using Wenjin.Access;
using Wenjin.Analysis;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>The append-only audit log in the store's SQLite file.</summary>
public sealed class AuditLogTests : IDisposable
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 1);

    /// <summary>A fixed instant with millisecond precision (what the log keeps).</summary>
    private static readonly DateTimeOffset T0 = new(2025, 3, 15, 8, 30, 0, 123, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wenjin-audit-tests", Guid.NewGuid().ToString("N"));
    private SqliteKnowledgeStore _store;
    private SqliteAuditLog _log;

    public AuditLogTests()
    {
        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _log = SqliteAuditLog.Open(_store);
    }

    private string DatabasePath => Path.Combine(_directory, "wenjin.db");

    public void Dispose()
    {
        _log.Dispose();
        _store.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Append_AssignsIncreasingIds_AndListReturnsEveryField()
    {
        var full = new AuditEntry(T0, "alice", "document.upload")
        {
            Id = 12345,
            Key = "ci",
            Kb = "年度报告",
            DocId = "0123456789abcdef",
            Detail = "reports/2024.pdf \"引号\"",
            Remote = "192.0.2.7",
            Status = 202,
        };
        var bare = new AuditEntry(T0.AddSeconds(1), "anonymous", "auth.login.failed") { Status = 401 };

        var first = _log.Append(full);
        var second = _log.Append(bare);
        var listed = _log.List(new AuditQuery());

        Assert.NotEqual(12345, first.Id);
        Assert.True(second.Id > first.Id);
        Assert.Equal(full with { Id = first.Id }, first);
        Assert.Equal(bare with { Id = second.Id }, second);
        Assert.Equal([second, first], listed);
        Assert.Null(listed[0].Key);
        Assert.Null(listed[0].Kb);
    }

    [Fact]
    public void Append_KeepsTheMillisecond()
    {
        var precise = new AuditEntry(T0.AddTicks(4321), "alice", "kb.create");

        var appended = _log.Append(precise);

        Assert.Equal(T0, appended.At);
        Assert.Equal(appended, Assert.Single(_log.List(new AuditQuery())));
    }

    [Fact]
    public void List_PagesNewestFirstWithBefore()
    {
        long[] ids = Enumerable.Range(0, 5).Select(i => _log.Append(Entry(i, "alice", "kb.search", "kb")).Id).ToArray();

        var page1 = _log.List(new AuditQuery { Limit = 2 });
        var page2 = _log.List(new AuditQuery { Limit = 2, Before = page1[^1].Id });
        var page3 = _log.List(new AuditQuery { Limit = 2, Before = page2[^1].Id });
        var page4 = _log.List(new AuditQuery { Limit = 2, Before = page3[^1].Id });

        Assert.Equal([ids[4], ids[3]], page1.Select(e => e.Id));
        Assert.Equal([ids[2], ids[1]], page2.Select(e => e.Id));
        Assert.Equal([ids[0]], page3.Select(e => e.Id));
        Assert.Empty(page4);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(3, 3)]
    [InlineData(5000, 1000)]
    [InlineData(int.MaxValue, 1000)]
    public void List_ClampsTheLimitTo1Through1000(int limit, int expected)
    {
        for (int i = 0; i < 1005; i++)
        {
            _log.Append(Entry(i, "alice", "kb.search", "kb"));
        }

        var page = _log.List(new AuditQuery { Limit = limit });

        Assert.Equal(expected, page.Count);
        Assert.Equal("kb.search#1004", page[0].Detail);
    }

    [Fact]
    public void List_FiltersExactlyByActorKbAndAction_AlsoTogetherAndWithBefore()
    {
        var a1 = _log.Append(Entry(1, "alice", "document.upload", "kb"));
        var b1 = _log.Append(Entry(2, "bob", "document.upload", "kb"));
        var a2 = _log.Append(Entry(3, "alice", "kb.search", "other"));
        var a3 = _log.Append(Entry(4, "alice", "document.upload", "kb"));
        var upper = _log.Append(Entry(5, "Alice", "document.upload", "KB"));
        var none = _log.Append(Entry(6, "admin", "user.create", null));

        Assert.Equal([a3.Id, a2.Id, a1.Id], Ids(new AuditQuery { Actor = "alice" }));
        Assert.Equal([a3.Id, b1.Id, a1.Id], Ids(new AuditQuery { Kb = "kb" }));
        Assert.Equal([upper.Id, a3.Id, b1.Id, a1.Id], Ids(new AuditQuery { Action = "document.upload" }));
        Assert.Equal([a3.Id, a1.Id], Ids(new AuditQuery { Actor = "alice", Kb = "kb", Action = "document.upload" }));
        Assert.Equal([a1.Id], Ids(new AuditQuery { Actor = "alice", Kb = "kb", Before = a3.Id }));
        Assert.Equal([none.Id], Ids(new AuditQuery { Action = "user.create" }));
        Assert.Empty(Ids(new AuditQuery { Actor = "nobody" }));
        Assert.Equal(6, _log.List(new AuditQuery()).Count);
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = 'mallory'")]
    [InlineData("UPDATE audit_log SET status = 200 WHERE id = (SELECT max(id) FROM audit_log)")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("DELETE FROM audit_log WHERE actor = 'alice'")]
    public void RawSql_CannotChangeOrDeleteEntries(string sql)
    {
        var appended = new[] { _log.Append(Entry(1, "alice", "document.delete", "kb")), _log.Append(Entry(2, "bob", "kb.delete", "kb")) };

        var error = Assert.Throws<SqliteException>(() => ExecuteDirect(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(appended.Reverse(), _log.List(new AuditQuery()));
    }

    [Fact]
    public void DeletingTheKnowledgeBaseOrUserAnEntryNames_LeavesTheEntry()
    {
        _store.CreateKnowledgeBase("kb", null, Analyzer);
        using var accounts = SqliteAccountStore.Open(_store);
        accounts.CreateUser("alice", "hash", SystemRole.Member);
        var uploaded = _log.Append(Entry(1, "alice", "document.upload", "kb") with { DocId = "0123456789abcdef" });
        var deletedKb = _log.Append(Entry(2, "admin", "kb.delete", "kb"));

        _store.DeleteKnowledgeBase("kb");
        accounts.DeleteUser("alice");
        var deletedUser = _log.Append(Entry(3, "admin", "user.delete", null) with { Detail = "alice" });

        Assert.Equal([deletedUser, deletedKb, uploaded], _log.List(new AuditQuery()));
        Assert.Equal([uploaded], _log.List(new AuditQuery { Actor = "alice" }));
    }

    [Fact]
    public void ALogOpenedAfterARestart_KeepsItsEntriesAndItsIdsKeepIncreasing()
    {
        var first = _log.Append(Entry(1, "alice", "document.upload", "kb"));
        var second = _log.Append(Entry(2, "bob", "kb.search", "kb"));
        _log.Dispose();
        _store.Dispose();

        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _log = SqliteAuditLog.Open(_store);
        var third = _log.Append(Entry(3, "carol", "kb.search", "kb"));

        Assert.True(third.Id > second.Id);
        Assert.Equal([third, second, first], _log.List(new AuditQuery()));
    }

    [Fact]
    public void DisposedLog_Throws()
    {
        _log.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _log.List(new AuditQuery()));
    }

    private static AuditEntry Entry(int second, string actor, string action, string? kb) =>
        new(T0.AddSeconds(second), actor, action) { Kb = kb, Detail = $"{action}#{second}", Remote = "198.51.100.1", Status = 200 };

    private long[] Ids(AuditQuery query) => _log.List(query).Select(e => e.Id).ToArray();

    private void ExecuteDirect(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
