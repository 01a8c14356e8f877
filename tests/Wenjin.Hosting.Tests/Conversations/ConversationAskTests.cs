using System.Text;
using Wenjin.Answers;
using Wenjin.Documents;
using Wenjin.Errors;

namespace Wenjin.Hosting.Tests.Conversations;

/// <summary>
/// Questions in conversations through the façade. Two data centres with the same kinds of facts make a follow-up
/// such as "它的年度运维费用呢？" ambiguous on its own: only the previous turn says which one "它" is.
/// </summary>
public sealed class ConversationAskTests
{
    private const string Kb = "centres";

    private const string Qinglan = """
        # 青岚一号数据中心

        青岚一号数据中心位于贵安新区，于2022年建成投运。

        青岚一号的电能利用效率为1.25，全年用电量为3200万千瓦时。

        青岚一号的年度运维费用为1800万元。
        """;

    private const string Chixiao = """
        # 赤霄二号数据中心

        赤霄二号数据中心位于乌兰察布，于2023年建成投运。

        赤霄二号的电能利用效率为1.15，全年用电量为5100万千瓦时。

        赤霄二号的年度运维费用为2600万元。
        """;

    private const string FollowUp = "它的年度运维费用呢？";

    [Theory]
    [InlineData("青岚一号的电能利用效率是多少？", "qinglan.md", "1800万元")]
    [InlineData("赤霄二号的电能利用效率是多少？", "chixiao.md", "2600万元")]
    public async Task FollowUp_IsResolvedAgainstThePreviousTurn_AndAnsweredFromTheRightDocument(string first, string source, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);

        var opening = await service.AskAsync(Kb, new AskRequest(first) { Remember = true }, ct);
        var followUp = await service.AskAsync(Kb, new AskRequest(FollowUp) { Remember = true, ConversationId = opening.ConversationId }, ct);

        Assert.False(string.IsNullOrEmpty(opening.ConversationId));
        Assert.Equal(first, opening.ResolvedQuestion);
        Assert.Equal(opening.ConversationId, followUp.ConversationId);
        Assert.Equal(FollowUp, followUp.Question);
        Assert.NotEqual(FollowUp, followUp.ResolvedQuestion);
        Assert.EndsWith(FollowUp, followUp.ResolvedQuestion, StringComparison.Ordinal);
        Assert.False(followUp.Refused, followUp.Reason);
        Assert.Contains(expected, followUp.Answer, StringComparison.Ordinal);
        Assert.All(followUp.Citations, c => Assert.Equal(source, c.SourceId));
    }

    [Fact]
    public async Task TheSameFollowUp_WithoutAConversation_IsNotResolved()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);

        var alone = await service.AskAsync(Kb, new AskRequest(FollowUp) { Remember = true }, ct);

        Assert.Equal(FollowUp, alone.ResolvedQuestion);
        Assert.DoesNotContain("1800万元", alone.Answer, StringComparison.Ordinal);
        Assert.DoesNotContain("2600万元", alone.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpAboutAnotherYear_IsAnsweredForThatYear()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = KnowledgeBaseService.Open(temp.Combine("data"));
        await service.IngestAsync(
            Kb,
            [
                Source("2024.md", "# 智算中心2024年度运行报告\n\n2024年，智算中心部署国产加速卡2048张，总算力达到每秒400亿亿次浮点运算。\n\n2024年全年用电量为4860万千瓦时。\n"),
                Source("2025.md", "# 智算中心2025年度建设计划\n\n2025年，智算中心计划扩容至4096张加速卡，总算力将达到每秒900亿亿次浮点运算。\n\n2025年计划用电量为9000万千瓦时。\n"),
            ],
            cancellationToken: ct);

        var opening = await service.AskAsync(Kb, new AskRequest("智算中心2024年的总算力达到多少？") { Remember = true }, ct);
        var followUp = await service.AskAsync(Kb, new AskRequest("那2025年呢？") { Remember = true, ConversationId = opening.ConversationId }, ct);

        Assert.Contains("400亿亿次", opening.Answer, StringComparison.Ordinal);
        Assert.NotEqual("那2025年呢？", followUp.ResolvedQuestion);
        Assert.Contains("900亿亿次", followUp.Answer, StringComparison.Ordinal);
        Assert.All(followUp.Citations, c => Assert.Equal("2025.md", c.SourceId));
    }

    [Fact]
    public async Task RememberedTurns_AreListedAndReadBack()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);

        var opening = await service.AskAsync(Kb, new AskRequest("青岚一号的电能利用效率是多少？") { Remember = true }, ct);
        var followUp = await service.AskAsync(Kb, new AskRequest(FollowUp) { Remember = true, ConversationId = opening.ConversationId }, ct);
        var list = await service.ListConversationsAsync(Kb, ct);
        var conversation = await service.GetConversationAsync(Kb, opening.ConversationId!, ct);

        var summary = Assert.Single(list);
        Assert.Equal(opening.ConversationId, summary.Id);
        Assert.Equal(2, summary.TurnCount);
        Assert.Equal("青岚一号的电能利用效率是多少？", summary.Title);
        Assert.Equal(summary.Title, conversation.Title);
        Assert.Equal(2, conversation.Turns.Count);
        AssertTurn(opening, conversation.Turns[0]);
        AssertTurn(followUp, conversation.Turns[1]);
    }

    [Fact]
    public async Task AChainOfFollowUps_KeepsItsSubject()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);

        var opening = await service.AskAsync(Kb, new AskRequest("赤霄二号数据中心位于哪里？") { Remember = true }, ct);
        await service.AskAsync(Kb, new AskRequest("它的电能利用效率呢？") { Remember = true, ConversationId = opening.ConversationId }, ct);
        var third = await service.AskAsync(Kb, new AskRequest(FollowUp) { Remember = true, ConversationId = opening.ConversationId }, ct);

        Assert.Contains("赤霄", third.ResolvedQuestion, StringComparison.Ordinal);
        Assert.Contains("2600万元", third.Answer, StringComparison.Ordinal);
        Assert.Equal(3, (await service.GetConversationAsync(Kb, opening.ConversationId!, ct)).Turns.Count);
    }

    [Fact]
    public async Task UnknownConversation_IsNotFound_AndNothingIsStored()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);

        var ask = await Assert.ThrowsAsync<WenjinException>(() => service.AskAsync(Kb, new AskRequest(FollowUp) { Remember = true, ConversationId = "no-such-conversation" }, ct));
        var get = await Assert.ThrowsAsync<WenjinException>(() => service.GetConversationAsync(Kb, "no-such-conversation", ct));
        var delete = await Assert.ThrowsAsync<WenjinException>(() => service.DeleteConversationAsync(Kb, "no-such-conversation", ct));

        Assert.All([ask, get, delete], e => Assert.Equal(WenjinErrorKind.NotFound, e.Kind));
        Assert.Empty(await service.ListConversationsAsync(Kb, ct));
    }

    [Fact]
    public async Task AConversationOfAnotherKnowledgeBase_IsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);
        await service.IngestAsync("other", [Source("other.md", Chixiao)], cancellationToken: ct);
        var opening = await service.AskAsync(Kb, new AskRequest("青岚一号的电能利用效率是多少？") { Remember = true }, ct);

        var error = await Assert.ThrowsAsync<WenjinException>(() => service.AskAsync("other", new AskRequest(FollowUp) { ConversationId = opening.ConversationId }, ct));

        Assert.Equal(WenjinErrorKind.NotFound, error.Kind);
        Assert.Empty(await service.ListConversationsAsync("other", ct));
    }

    [Fact]
    public async Task Streaming_StartsWithTheResolvedQuestion_StreamsTheAnswer_AndEndsWithTheResult()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);
        var opening = await service.AskAsync(Kb, new AskRequest("青岚一号的电能利用效率是多少？") { Remember = true }, ct);

        var updates = new List<AnswerUpdate>();
        await foreach (var update in service.AskStreamingAsync(Kb, new AskRequest(FollowUp) { Remember = true, ConversationId = opening.ConversationId }, ct))
        {
            updates.Add(update);
        }

        var started = Assert.IsType<AnswerStarted>(updates[0]);
        var completed = Assert.IsType<AnswerCompleted>(updates[^1]);
        var deltas = updates.Skip(1).SkipLast(1).Select(u => Assert.IsType<AnswerDelta>(u)).ToArray();
        Assert.Equal(opening.ConversationId, started.ConversationId);
        Assert.Equal(completed.Result.ResolvedQuestion, started.ResolvedQuestion);
        Assert.NotEqual(FollowUp, started.ResolvedQuestion);
        Assert.NotEmpty(deltas);
        Assert.Equal(completed.Result.Answer, string.Concat(deltas.Select(d => d.Text)));
        Assert.Contains("1800万元", completed.Result.Answer, StringComparison.Ordinal);
        Assert.Equal(opening.ConversationId, completed.Result.ConversationId);
        var turns = (await service.GetConversationAsync(Kb, opening.ConversationId!, ct)).Turns;
        Assert.Equal(2, turns.Count);
        Assert.Equal(completed.Result.Answer, turns[1].Answer);
    }

    [Fact]
    public async Task Streaming_AndAskAsync_GiveTheSameAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);
        var request = new AskRequest("赤霄二号的全年用电量是多少？");

        var asked = await service.AskAsync(Kb, request, ct);
        AskResult? streamed = null;
        await foreach (var update in service.AskStreamingAsync(Kb, request, ct))
        {
            if (update is AnswerCompleted completed)
            {
                streamed = completed.Result;
            }
        }

        Assert.NotNull(streamed);
        Assert.Equal(asked.Answer, streamed.Answer);
        Assert.Equal(asked.Citations, streamed.Citations);
        Assert.Equal(asked.Refused, streamed.Refused);
        Assert.Contains("5100万千瓦时", asked.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutRemember_NothingIsStored()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);

        var oneOff = await service.AskAsync(Kb, new AskRequest("青岚一号的电能利用效率是多少？"), ct);
        AnswerStarted? started = null;
        await foreach (var update in service.AskStreamingAsync(Kb, new AskRequest("赤霄二号的电能利用效率是多少？"), ct))
        {
            started ??= update as AnswerStarted;
        }

        Assert.Null(oneOff.ConversationId);
        Assert.Contains("1.25", oneOff.Answer, StringComparison.Ordinal);
        Assert.NotNull(started);
        Assert.Null(started.ConversationId);
        Assert.Empty(await service.ListConversationsAsync(Kb, ct));
    }

    [Fact]
    public async Task WithoutRemember_AFollowUpInAnExistingConversation_IsResolvedButNotAppended()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);
        var opening = await service.AskAsync(Kb, new AskRequest("赤霄二号的电能利用效率是多少？") { Remember = true }, ct);

        var peek = await service.AskAsync(Kb, new AskRequest(FollowUp) { ConversationId = opening.ConversationId }, ct);

        Assert.Contains("2600万元", peek.Answer, StringComparison.Ordinal);
        Assert.Null(peek.ConversationId);
        Assert.Single((await service.GetConversationAsync(Kb, opening.ConversationId!, ct)).Turns);
    }

    [Fact]
    public async Task DeletedConversation_IsGone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var temp = new TempDirectory();
        using var service = await OpenAsync(temp, ct);
        var opening = await service.AskAsync(Kb, new AskRequest("青岚一号的电能利用效率是多少？") { Remember = true }, ct);

        await service.DeleteConversationAsync(Kb, opening.ConversationId!, ct);

        Assert.Empty(await service.ListConversationsAsync(Kb, ct));
        Assert.Equal(WenjinErrorKind.NotFound, (await Assert.ThrowsAsync<WenjinException>(() => service.GetConversationAsync(Kb, opening.ConversationId!, ct))).Kind);
        Assert.Equal(WenjinErrorKind.NotFound, (await Assert.ThrowsAsync<WenjinException>(() => service.AskAsync(Kb, new AskRequest(FollowUp) { ConversationId = opening.ConversationId }, ct))).Kind);
    }

    private static async Task<KnowledgeBaseService> OpenAsync(TempDirectory temp, CancellationToken cancellationToken)
    {
        var service = KnowledgeBaseService.Open(temp.Combine("data"));
        try
        {
            var summary = await service.IngestAsync(Kb, [Source("qinglan.md", Qinglan), Source("chixiao.md", Chixiao)], cancellationToken: cancellationToken);
            Assert.Equal(2, summary.Indexed);
            return service;
        }
        catch
        {
            service.Dispose();
            throw;
        }
    }

    private static DocumentSource Source(string fileName, string text) => new(fileName, fileName, Encoding.UTF8.GetBytes(text));

    private static void AssertTurn(AskResult result, Wenjin.Conversations.ConversationTurn turn)
    {
        Assert.Equal(result.Question, turn.Question);
        Assert.Equal(result.ResolvedQuestion, turn.ResolvedQuestion);
        Assert.Equal(result.Answer, turn.Answer);
        Assert.Equal(result.Refused, turn.Refused);
        Assert.Equal(result.Citations, turn.Citations);
    }
}
