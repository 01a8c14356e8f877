using Wenjin.Evaluation;

namespace Wenjin.Hosting.Tests.Evaluation;

public sealed class QaEvaluatorTests
{
    /// <summary>
    /// Four answerable and two unanswerable items, chosen so that every metric has a hand-checkable value:
    /// a1, a2: quote in the first chunk, correct answer. a3: the quote (from 一、总体情况) lies in the second chunk and
    /// the gold answer is deliberately wrong (4096张). a4: labelled answerable but absent from the corpus, so it is
    /// refused and its quote is nowhere. u1: truly unanswerable, refused. u2: labelled unanswerable but answerable,
    /// so it is answered.
    /// </summary>
    private static readonly QaItem[] Items =
    [
        new("a1", "千卡并行的有效算力达到多少？", "92%", "千卡并行的有效算力达到92%"),
        new("a2", "在北京出差每晚住宿费不超过多少钱？", "600 元", "每人每晚住宿费不超过 600元"),
        new("a3", "智算中心部署了多少张加速卡？", "4096张", "累计服务科研团队126个"),
        new("a4", "公司食堂几点开门？", "7点", "食堂每天早上7点开门"),
        new("u1", "员工年假可以休几天？", null, null),
        new("u2", "智算中心何时正式投入运行？", null, null),
    ];

    [Fact]
    public async Task Evaluate_ComputesHitRatesMrrAccuracyAndRefusalRates()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);
        var progress = new RecordingProgress<int>();

        var report = await kb.Service.EvaluateAsync(TestKnowledgeBase.Name, Items, progress, ct);

        Assert.Equal(6, report.Questions);
        Assert.Equal(4, report.Answerable);
        Assert.Equal(2, report.Unanswerable);

        var items = report.Items.ToDictionary(i => i.Id);
        Assert.Equal(["a1", "a2", "a3", "a4", "u1", "u2"], report.Items.Select(i => i.Id));
        Assert.Equal(1, items["a1"].RetrievedRank);
        Assert.Equal(1, items["a2"].RetrievedRank);
        Assert.Equal(2, items["a3"].RetrievedRank);
        Assert.Null(items["a4"].RetrievedRank);
        Assert.Null(items["u1"].RetrievedRank);
        Assert.Null(items["u2"].RetrievedRank);
        Assert.Equal([true, true, false, false, true, false], report.Items.Select(i => i.Correct));
        Assert.Equal([false, false, false, true, true, false], report.Items.Select(i => i.Refused));
        Assert.Equal([true, true, true, true, false, false], report.Items.Select(i => i.Answerable));
        Assert.Contains("92%", items["a1"].Answer, StringComparison.Ordinal);
        Assert.Contains("2048张", items["a3"].Answer, StringComparison.Ordinal);

        // Hits: a1 and a2 at rank 1, a3 at rank 2, a4 never; out of 4 answerable questions.
        Assert.Equal(0.5, report.HitAt1);
        Assert.Equal(0.75, report.HitAt5);
        Assert.Equal(0.75, report.HitAt10);
        Assert.Equal((1 + 1 + 0.5 + 0) / 4, report.Mrr);

        // a1 and a2 correct of 4; of the 3 retrieved, 2 correct.
        Assert.Equal(0.5, report.AnswerAccuracy);
        Assert.Equal(0.6667, report.AnswerAccuracyWhenRetrieved);

        // u1 refused of 2 unanswerable; a4 refused of 4 answerable.
        Assert.Equal(0.5, report.RefusalRate);
        Assert.Equal(0.25, report.FalseRefusalRate);

        // Of the 3 answered answerable questions, a1 and a2 cite their quote (white space ignored), a3 does not.
        Assert.Equal(0.6667, report.CitationAccuracy);

        Assert.Equal([1, 2, 3, 4, 5, 6], progress.Reports);
    }

    [Fact]
    public async Task Evaluate_OnAnEmptySet_ReportsZeros()
    {
        var ct = TestContext.Current.CancellationToken;
        using var kb = await TestKnowledgeBase.CreateAsync(ct);

        var report = await kb.Service.EvaluateAsync(TestKnowledgeBase.Name, [], cancellationToken: ct);

        Assert.Equal(0, report.Questions);
        Assert.Equal(0, report.HitAt1);
        Assert.Equal(0, report.Mrr);
        Assert.Equal(0, report.RefusalRate);
        Assert.Empty(report.Items);
    }

    [Fact]
    public async Task Evaluate_StopsWhenCancelled()
    {
        using var kb = await TestKnowledgeBase.CreateAsync(TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kb.Service.EvaluateAsync(TestKnowledgeBase.Name, Items, cancellationToken: cancelled.Token));
    }
}
