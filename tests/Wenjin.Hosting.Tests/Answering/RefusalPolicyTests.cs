using Wenjin.Analysis;
using Wenjin.Hosting.Answering;
using Wenjin.Hosting.Search;
using Wenjin.Storage;

namespace Wenjin.Hosting.Tests.Answering;

public sealed class RefusalPolicyTests
{
    private const string NumberSentence = "经过通信库优化，千卡并行的有效算力达到92%，较上线初期提升了17个百分点。";
    private const string WordsSentence = "经过通信库优化，千卡并行的有效算力显著提高。";

    private static readonly RefusalPolicy Policy = new(AnswerOptions.Default);

    [Fact]
    public void NothingRetrieved_IsRefused()
    {
        var query = Query(QuestionKind.Quantity);
        var evidence = new AnswerEvidence(query, new Retrieval(query, [], null));

        Assert.Equal("no passage shares a content word with the question", Policy.RefusalReason(evidence));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.49)]
    public void BestChunkCoverage_BelowTheThreshold_IsRefused(double coverage)
    {
        var evidence = Evidence(QuestionKind.Quantity, chunkCoverage: coverage, sentenceCoverage: 0.9, NumberSentence);

        string? reason = Policy.RefusalReason(evidence);

        Assert.NotNull(reason);
        Assert.Contains("covers only", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.29)]
    public void SentenceCoverage_BelowTheThreshold_IsRefused(double coverage)
    {
        var evidence = Evidence(QuestionKind.Quantity, chunkCoverage: 0.9, sentenceCoverage: coverage, NumberSentence);

        Assert.Equal("no sentence in the best passages speaks about the question", Policy.RefusalReason(evidence));
    }

    [Theory]
    [InlineData(0.5, 0.3)]
    [InlineData(0.8, 0.6)]
    [InlineData(1.0, 1.0)]
    public void Coverage_AtOrAboveBothThresholds_IsAnswered(double chunkCoverage, double sentenceCoverage)
    {
        var evidence = Evidence(QuestionKind.Quantity, chunkCoverage, sentenceCoverage, NumberSentence);

        Assert.Null(Policy.RefusalReason(evidence));
    }

    [Fact]
    public void Thresholds_ComeFromTheOptions()
    {
        var strict = new RefusalPolicy(AnswerOptions.Default with { MinChunkCoverage = 0.95 });
        var lenient = new RefusalPolicy(AnswerOptions.Default with { MinChunkCoverage = 0.1, MinSentenceCoverage = 0.1 });
        var evidence = Evidence(QuestionKind.Other, chunkCoverage: 0.9, sentenceCoverage: 0.2, WordsSentence);

        Assert.NotNull(strict.RefusalReason(evidence));
        Assert.NotNull(Policy.RefusalReason(evidence));
        Assert.Null(lenient.RefusalReason(evidence));
    }

    [Fact]
    public void RequireAnswerType_RefusesAQuantityQuestionWhoseSentenceHasNoNumber()
    {
        var requiring = new RefusalPolicy(AnswerOptions.Default with { RequireAnswerType = true });
        var withoutNumber = Evidence(QuestionKind.Quantity, chunkCoverage: 0.9, sentenceCoverage: 0.9, WordsSentence);
        var withNumber = Evidence(QuestionKind.Quantity, chunkCoverage: 0.9, sentenceCoverage: 0.9, NumberSentence);

        string? reason = requiring.RefusalReason(withoutNumber);

        Assert.NotNull(reason);
        Assert.Contains("number", reason, StringComparison.Ordinal);
        Assert.Null(requiring.RefusalReason(withNumber));
        Assert.Null(Policy.RefusalReason(withoutNumber));
    }

    [Fact]
    public void RequireAnswerType_RefusesATimeQuestionWithoutADate_ButNotAnUnstrictKind()
    {
        var requiring = new RefusalPolicy(AnswerOptions.Default with { RequireAnswerType = true });
        const string undated = "智算中心已经正式投入运行。";

        Assert.Contains("date", requiring.RefusalReason(Evidence(QuestionKind.Time, 0.9, 0.9, undated)), StringComparison.Ordinal);
        Assert.Null(requiring.RefusalReason(Evidence(QuestionKind.Time, 0.9, 0.9, "智算中心于2024年3月15日正式投入运行。")));
        Assert.Null(requiring.RefusalReason(Evidence(QuestionKind.Reason, 0.9, 0.9, undated)));
    }

    private static AnalyzedQuery Query(QuestionKind kind) =>
        new("问题", [new QueryTerm("千卡", 1, 0), new QueryTerm("算力", 1, 1)], kind);

    private static AnswerEvidence Evidence(QuestionKind kind, double chunkCoverage, double sentenceCoverage, string sentence)
    {
        var query = Query(kind);
        var candidate = new ChunkCandidate("d1-0", "d1", "report.txt", sentence, 0, sentence.Length);
        var retrieval = new Retrieval(query, [new RankedChunk(candidate, 10, chunkCoverage, null)], new IndexStatistics(10, 20, 0, 4));
        double typeMatch = AnswerTypeMatcher.Match(kind, sentence);
        var chosen = new AnswerSentence(0, 0, sentence.Length, sentence, sentenceCoverage, typeMatch, sentenceCoverage + typeMatch);
        return new AnswerEvidence(query, retrieval)
        {
            BestChunkCoverage = chunkCoverage,
            Chosen = chosen,
            Sentences = [chosen],
        };
    }
}
