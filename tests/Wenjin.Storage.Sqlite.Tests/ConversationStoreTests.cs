using Microsoft.Data.Sqlite;
using Wenjin.Analysis;
using Wenjin.Answers;
using Wenjin.Conversations;
using Wenjin.Errors;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>Stored conversations in the store's SQLite file.</summary>
public sealed class ConversationStoreTests : IDisposable
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 1);

    /// <summary>A fixed instant with millisecond precision (what the store keeps).</summary>
    private static readonly DateTimeOffset T0 = new(2025, 3, 15, 8, 30, 0, 123, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wenjin-conversation-tests", Guid.NewGuid().ToString("N"));
    private SqliteKnowledgeStore _store;
    private SqliteConversationStore _conversations;

    public ConversationStoreTests()
    {
        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _conversations = SqliteConversationStore.Open(_store);
        _store.CreateKnowledgeBase("kb", null, Analyzer);
    }

    private string DatabasePath => Path.Combine(_directory, "wenjin.db");

    public void Dispose()
    {
        _conversations.Dispose();
        _store.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void CreateAppendGet_RoundTripsEveryField()
    {
        Citation[] citations =
        [
            new(1, "0123456789abcdef", "reports/2024.txt", "智算中心2024年度运行报告", null, "千卡并行的有效算力达到92%，", 120, 134),
            new(2, "fedcba9876543210", "report.pdf", null, 2, "引号\"与\\反斜杠\n换行", 7, 16),
        ];
        var answered = new ConversationTurn("千卡并行的有效算力达到多少？", "千卡并行的有效算力达到多少？", "千卡并行的有效算力达到92%，[1]", false, citations, T0);
        var refused = new ConversationTurn("它的准确率呢？", "千卡 并行 有效 算力 它的准确率呢？", "知识库中没有找到这个问题的答案。", true, [], T0.AddSeconds(5));

        string id = _conversations.Create("kb", "千卡并行的有效算力达到多少？");
        _conversations.Append("kb", id, answered);
        _conversations.Append("kb", id, refused);
        var conversation = _conversations.Get("kb", id);

        Assert.NotNull(conversation);
        Assert.Equal(id, conversation.Id);
        Assert.Equal("千卡并行的有效算力达到多少？", conversation.Title);
        Assert.Equal(2, conversation.Turns.Count);
        AssertTurn(answered, conversation.Turns[0]);
        AssertTurn(refused, conversation.Turns[1]);
        Assert.Equal(T0.AddSeconds(5), conversation.UpdatedAt);
    }

    [Fact]
    public void Create_GivesDistinctIdsAndAnEmptyConversation()
    {
        string first = _conversations.Create("kb", "第一个");
        string second = _conversations.Create("kb", "第二个");

        var empty = _conversations.Get("kb", first);

        Assert.NotEqual(first, second);
        Assert.NotNull(empty);
        Assert.Empty(empty.Turns);
        Assert.Equal(empty.CreatedAt, empty.UpdatedAt);
        Assert.Equal(0, _conversations.List("kb").Single(c => c.Id == first).TurnCount);
    }

    [Fact]
    public void Turns_ComeBackInTheOrderTheyWereAppended()
    {
        string id = _conversations.Create("kb", "问题");
        // Later turns carry earlier timestamps: the order is the order of appending, not of the clocks.
        string[] questions = ["第一问", "第二问", "第三问", "第四问"];
        for (int i = 0; i < questions.Length; i++)
        {
            _conversations.Append("kb", id, Turn(questions[i], T0.AddMinutes(-i)));
        }

        var conversation = _conversations.Get("kb", id)!;

        Assert.Equal(questions, conversation.Turns.Select(t => t.Question));
    }

    [Fact]
    public void List_IsNewestFirstWithTurnCounts()
    {
        string a = _conversations.Create("kb", "甲");
        string b = _conversations.Create("kb", "乙");
        string c = _conversations.Create("kb", "丙");
        var later = DateTimeOffset.UtcNow.AddHours(1);

        _conversations.Append("kb", a, Turn("甲一", later));
        _conversations.Append("kb", c, Turn("丙一", later.AddMinutes(1)));
        _conversations.Append("kb", a, Turn("甲二", later.AddMinutes(2)));
        var list = _conversations.List("kb");

        Assert.Equal([a, c, b], list.Select(s => s.Id));
        Assert.Equal([2, 1, 0], list.Select(s => s.TurnCount));
        Assert.Equal(["甲", "丙", "乙"], list.Select(s => s.Title));
        Assert.Equal(later.AddMinutes(2).ToUnixTimeMilliseconds(), list[0].UpdatedAt.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void List_OfConversationsWithoutTurns_IsNewestCreatedFirst()
    {
        // Created one after another, often within the same millisecond: "newest first" must still hold.
        var ids = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            ids.Add(_conversations.Create("kb", $"对话{i}"));
        }

        var list = _conversations.List("kb");

        Assert.Equal(Enumerable.Reverse(ids), list.Select(s => s.Id));
    }

    [Fact]
    public void Delete_RemovesTheConversationAndItsTurns()
    {
        string gone = _conversations.Create("kb", "删除");
        string kept = _conversations.Create("kb", "保留");
        _conversations.Append("kb", gone, Turn("问题", T0));
        _conversations.Append("kb", kept, Turn("问题", T0));

        bool deleted = _conversations.Delete("kb", gone);
        bool again = _conversations.Delete("kb", gone);

        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(_conversations.Get("kb", gone));
        Assert.Equal([kept], _conversations.List("kb").Select(s => s.Id));
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM conversation_turns"));
        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => _conversations.Append("kb", gone, Turn("再问", T0))).Kind);
    }

    [Fact]
    public void UnknownConversation_IsNullOrFalse_AndAppendingToItIsNotFound()
    {
        _conversations.Create("kb", "存在的对话");

        var append = Assert.Throws<WenjinException>(() => _conversations.Append("kb", "no-such-conversation", Turn("问题", T0)));

        Assert.Null(_conversations.Get("kb", "no-such-conversation"));
        Assert.False(_conversations.Delete("kb", "no-such-conversation"));
        Assert.Equal(WenjinErrorKind.NotFound, append.Kind);
        Assert.Contains("no-such-conversation", append.Message, StringComparison.Ordinal);
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM conversation_turns"));
        Assert.Equal(0, Assert.Single(_conversations.List("kb")).TurnCount);
    }

    [Fact]
    public void UnknownKnowledgeBase_IsNotFound()
    {
        var errors = new[]
        {
            Assert.Throws<WenjinException>(() => _conversations.Create("missing", "问题")),
            Assert.Throws<WenjinException>(() => _conversations.List("missing")),
            Assert.Throws<WenjinException>(() => _conversations.Get("missing", "id")),
            Assert.Throws<WenjinException>(() => _conversations.Delete("missing", "id")),
            Assert.Throws<WenjinException>(() => _conversations.Append("missing", "id", Turn("问题", T0))),
        };

        Assert.All(errors, e => Assert.Equal(WenjinErrorKind.NotFound, e.Kind));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM conversations"));
    }

    [Fact]
    public void AnotherKnowledgeBase_CannotSeeOrChangeTheConversation()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        string id = _conversations.Create("kb", "问题");
        _conversations.Append("kb", id, Turn("问题", T0));

        var append = Assert.Throws<WenjinException>(() => _conversations.Append("other", id, Turn("越界", T0)));

        Assert.Null(_conversations.Get("other", id));
        Assert.Empty(_conversations.List("other"));
        Assert.False(_conversations.Delete("other", id));
        Assert.Equal(WenjinErrorKind.NotFound, append.Kind);
        var conversation = _conversations.Get("kb", id)!;
        Assert.Equal(["问题"], conversation.Turns.Select(t => t.Question));
    }

    [Fact]
    public void DeletingTheKnowledgeBase_DeletesItsConversations()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        string id = _conversations.Create("kb", "问题");
        _conversations.Append("kb", id, Turn("问题", T0));
        string kept = _conversations.Create("other", "别的问题");
        _conversations.Append("other", kept, Turn("别的问题", T0));

        _store.DeleteKnowledgeBase("kb");

        Assert.Equal(WenjinErrorKind.NotFound, Assert.Throws<WenjinException>(() => _conversations.List("kb")).Kind);
        _store.CreateKnowledgeBase("kb", null, Analyzer);
        Assert.Empty(_conversations.List("kb"));
        Assert.Null(_conversations.Get("kb", id));
        Assert.Equal([kept], _conversations.List("other").Select(s => s.Id));
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM conversations"));
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM conversation_turns"));
    }

    [Fact]
    public void Conversations_SurviveReopening()
    {
        string id = _conversations.Create("kb", "持久的对话");
        _conversations.Append("kb", id, Turn("问题", T0));
        _conversations.Dispose();
        _store.Dispose();

        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _conversations = SqliteConversationStore.Open(_store);
        var conversation = _conversations.Get("kb", id);

        Assert.NotNull(conversation);
        Assert.Equal("持久的对话", conversation.Title);
        Assert.Equal(["问题"], conversation.Turns.Select(t => t.Question));
    }

    private static ConversationTurn Turn(string question, DateTimeOffset at) =>
        new(question, question, "回答。[1]", false, [new Citation(1, "0123456789abcdef", "doc.txt", "标题", null, "回答。", 0, 3)], at);

    private static void AssertTurn(ConversationTurn expected, ConversationTurn actual)
    {
        Assert.Equal(expected.Question, actual.Question);
        Assert.Equal(expected.ResolvedQuestion, actual.ResolvedQuestion);
        Assert.Equal(expected.Answer, actual.Answer);
        Assert.Equal(expected.Refused, actual.Refused);
        Assert.Equal(expected.Citations, actual.Citations);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
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
