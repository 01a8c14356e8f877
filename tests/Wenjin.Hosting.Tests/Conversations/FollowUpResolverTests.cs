using Wenjin.Hosting.Conversations;
using Wenjin.Text.Analysis;

namespace Wenjin.Hosting.Tests.Conversations;

public sealed class FollowUpResolverTests
{
    private readonly FollowUpResolver _resolver = new(QueryAnalyzer.Shared);

    [Fact]
    public void PronounFollowUp_CarriesThePreviousSubjectInFront()
    {
        string resolved = _resolver.Resolve("它的准确率呢？", "千卡并行的有效算力达到多少？", "千卡并行的有效算力达到多少？");

        Assert.EndsWith("它的准确率呢？", resolved, StringComparison.Ordinal);
        string carried = Carried(resolved, "它的准确率呢？");
        Assert.Contains("千卡", carried, StringComparison.Ordinal);
        Assert.Contains("算力", carried, StringComparison.Ordinal);
        Assert.DoesNotContain("多少", carried, StringComparison.Ordinal);
    }

    [Fact]
    public void ThatYearFollowUp_CarriesThePreviousSubjectInFront()
    {
        string resolved = _resolver.Resolve("那2025年呢？", "智算中心的总算力达到多少？", "智算中心的总算力达到多少？");

        Assert.EndsWith("那2025年呢？", resolved, StringComparison.Ordinal);
        string carried = Carried(resolved, "那2025年呢？");
        Assert.Contains("智算", carried, StringComparison.Ordinal);
        Assert.Contains("中心", carried, StringComparison.Ordinal);
        // 总算力 is segmented 总算/力 today; either spelling of the subject counts.
        Assert.Contains("算", carried[carried.IndexOf("中心", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("多少", carried, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewYear_ReplacesThePreviousYear_InsteadOfBeingCarriedBesideIt()
    {
        string resolved = _resolver.Resolve("那2025年呢？", "智算中心2024年的总算力达到多少？", "智算中心2024年的总算力达到多少？");

        string carried = Carried(resolved, "那2025年呢？");
        Assert.Contains("智算", carried, StringComparison.Ordinal);
        // "那2025年呢？" asks the same about another year: searching for 2024年 as well answers about 2024 again.
        Assert.DoesNotContain("2024", carried, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("what about its cost?")]
    [InlineData("How about the power usage?")]
    [InlineData("And its cost?")]
    public void EnglishFollowUp_CarriesThePreviousSubjectInFront(string question)
    {
        string resolved = _resolver.Resolve(question, "What is the training throughput of the GPU cluster?", "What is the training throughput of the GPU cluster?");

        Assert.EndsWith(question, resolved, StringComparison.Ordinal);
        string carried = Carried(resolved, question);
        Assert.Contains("GPU", carried, StringComparison.Ordinal);
        Assert.Contains("cluster", carried, StringComparison.Ordinal);
        Assert.DoesNotContain("What", carried, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("员工出差住宿费标准是多少？")]
    [InlineData("地铁5号线南延段什么时候开通？")]
    [InlineData("How long is the new metro line?")]
    public void SelfContainedQuestion_IsUnchanged(string question)
    {
        Assert.Equal(question, _resolver.Resolve(question, "千卡并行的有效算力达到多少？", "千卡并行的有效算力达到多少？"));
        Assert.False(_resolver.IsFollowUp(question));
    }

    [Theory]
    [InlineData("它的准确率呢？")]
    [InlineData("那2025年呢？")]
    [InlineData("what about its cost?")]
    public void WithoutAPreviousQuestion_TheQuestionIsUnchanged(string question)
    {
        Assert.Equal(question, _resolver.Resolve(question, null, null));
        Assert.Equal(question, _resolver.Resolve(question, "   ", "   "));
        Assert.Equal(question, _resolver.Resolve("  " + question + "\n", null, null));
    }

    [Fact]
    public void CarriedWords_AreNotRepeatedWhenTheQuestionHasThem()
    {
        string resolved = _resolver.Resolve("它的有效算力呢？", "千卡并行的有效算力达到多少？", "千卡并行的有效算力达到多少？");

        string carried = Carried(resolved, "它的有效算力呢？");
        Assert.Contains("千卡", carried, StringComparison.Ordinal);
        Assert.DoesNotContain("有效", carried, StringComparison.Ordinal);
        Assert.DoesNotContain("算力", carried, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(resolved, "算力"));
    }

    [Fact]
    public void CarriedEnglishWords_AreNotRepeatedWhateverTheirCase()
    {
        string resolved = _resolver.Resolve("what about the gpu cost?", "What is the training throughput of the GPU cluster?", "What is the training throughput of the GPU cluster?");

        string carried = Carried(resolved, "what about the gpu cost?");
        Assert.Contains("cluster", carried, StringComparison.Ordinal);
        Assert.DoesNotContain("gpu", carried, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AChainOfFollowUps_KeepsTheOriginalSubject()
    {
        string first = _resolver.Resolve("它的准确率呢？", "千卡并行的有效算力达到多少？", "千卡并行的有效算力达到多少？");

        string second = _resolver.Resolve("那能耗呢？", "它的准确率呢？", first);

        Assert.EndsWith("那能耗呢？", second, StringComparison.Ordinal);
        Assert.Contains("千卡", Carried(second, "那能耗呢？"), StringComparison.Ordinal);
        Assert.DoesNotContain("准确率", Carried(second, "那能耗呢？"), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyTheSubjectIsCarried_NotAWholeLongQuestion()
    {
        const string previous = "智算中心部署的国产加速卡在千卡并行训练大模型时的有效算力利用率和通信带宽分别达到多少？";

        string resolved = _resolver.Resolve("它呢？", previous, previous);

        string carried = Carried(resolved, "它呢？");
        Assert.NotEmpty(carried);
        Assert.InRange(carried.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, 1, 6);
    }

    [Theory]
    [InlineData("它的准确率呢？", true)]
    [InlineData("其能耗如何？", true)]
    [InlineData("那2025年呢？", true)]
    [InlineData("准确率呢？", true)]
    [InlineData("What about its cost?", true)]
    [InlineData("它", true)]
    [InlineData("员工出差住宿费标准是多少？", false)]
    [InlineData("", false)]
    public void IsFollowUp_RecognisesQuestionsThatReferBack(string question, bool expected)
    {
        Assert.Equal(expected, _resolver.IsFollowUp(question));
    }

    /// <summary>What was put in front of the question (the resolved text must end with the question).</summary>
    private static string Carried(string resolved, string question)
    {
        Assert.EndsWith(question, resolved, StringComparison.Ordinal);
        Assert.NotEqual(question, resolved);
        return resolved[..^question.Length];
    }

    private static int Occurrences(string text, string word)
    {
        int count = 0;
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
