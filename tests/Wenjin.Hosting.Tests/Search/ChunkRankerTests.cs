using Wenjin.Analysis;
using Wenjin.Hosting.Search;
using Wenjin.Search;
using Wenjin.Storage;

namespace Wenjin.Hosting.Tests.Search;

public sealed class ChunkRankerTests
{
    private const string NeutralText = "（正文）";

    private static readonly ChunkRanker Ranker = new(RankingOptions.Default);

    [Fact]
    public void TitleMatch_BeatsTheSameTermOnlyInTheBody()
    {
        var query = Query("报销");
        var inTitle = Candidate("title", title: ["报销", "办法"], body: ["员工", "出差", "住宿", "标准"]);
        var inBody = Candidate("body", title: ["管理", "办法"], body: ["员工", "出差", "报销", "标准"]);
        var statistics = Statistics(100, averageBody: 4, averageTitle: 2, ("报销", 10));

        var ranked = Ranker.Rank(query, [inBody, inTitle], statistics, explain: true);

        Assert.Equal(["title", "body"], ranked.Select(r => r.Candidate.ChunkId));
        Assert.True(ranked[0].Score > ranked[1].Score);
        Assert.Equal(1, ranked[0].Coverage);
        Assert.Equal(1, ranked[1].Coverage);
    }

    [Fact]
    public void ProximityBonus_OnlyWhenConsecutiveQueryWordsAreAdjacent()
    {
        var query = Query("有效", "算力");
        var adjacent = Candidate("adjacent", body: ["千卡", "并行", "有效", "算力", "达到", "比例", "较", "高"]);
        var apart = Candidate("apart", body: ["有效", "千卡", "并行", "达到", "比例", "较", "高", "算力"]);
        var statistics = Statistics(100, averageBody: 8, averageTitle: 0, ("有效", 5), ("算力", 5));

        var ranked = Ranker.Rank(query, [apart, adjacent], statistics, explain: true);

        Assert.Equal(["adjacent", "apart"], ranked.Select(r => r.Candidate.ChunkId));
        var adjacentProximity = Part(ranked[0], "proximity");
        Assert.True(adjacentProximity.Value > 0);
        Assert.Single(adjacentProximity.Details);
        Assert.Equal(0, Part(ranked[1], "proximity").Value);
        Assert.Empty(Part(ranked[1], "proximity").Details);
        Assert.Equal(Part(ranked[0], "bm25f").Value, Part(ranked[1], "bm25f").Value, 1e-12);
    }

    [Fact]
    public void ProximityBonus_IgnoresQueryWordsThatAreNotConsecutiveInTheQuery()
    {
        // Query order 千卡 → 并行 → 算力: pairs are (千卡, 并行) and (并行, 算力), never (千卡, 算力).
        var query = Query("千卡", "并行", "算力");
        var firstAndLast = Candidate("c", body: ["千卡", "算力", "达到", "九成", "以上", "并行", "训练", "稳定"]);
        var statistics = Statistics(100, averageBody: 8, averageTitle: 0, ("千卡", 3), ("并行", 3), ("算力", 3));

        var ranked = Assert.Single(Ranker.Rank(query, [firstAndLast], statistics, explain: true));

        Assert.Equal(0, Part(ranked, "proximity").Value);
    }

    [Fact]
    public void Coverage_MakesAChunkWithAllQueryTermsBeatOneWithASingleRepeatedTerm()
    {
        var query = Query("液冷", "机柜");
        var allTerms = Candidate("all", body: ["液冷", "改造", "完成", "验收", "之后", "机柜", "运行", "平稳"]);
        var repeated = Candidate("repeated", body: ["液冷", "液冷", "改造", "液冷", "方案", "液冷", "试点", "液冷"]);
        var statistics = Statistics(100, averageBody: 8, averageTitle: 0, ("液冷", 1), ("机柜", 5));

        var ranked = Ranker.Rank(query, [repeated, allTerms], statistics, explain: true);
        var withoutCoverage = new ChunkRanker(RankingOptions.Default with { CoverageWeight = 0 }).Rank(query, [repeated, allTerms], statistics, explain: true);

        Assert.Equal(["all", "repeated"], ranked.Select(r => r.Candidate.ChunkId));
        Assert.Equal(1, ranked[0].Coverage, 1e-12);
        Assert.InRange(ranked[1].Coverage, 0.01, 0.99);
        Assert.True(Part(ranked[0], "coverage").Value > Part(ranked[1], "coverage").Value);
        Assert.Equal(0, Part(ranked[0], "proximity").Value);

        // The repeated term alone earns more BM25: it is the coverage bonus that decides.
        Assert.True(Part(ranked[1], "bm25f").Value > Part(ranked[0], "bm25f").Value);
        Assert.Equal(["repeated", "all"], withoutCoverage.Select(r => r.Candidate.ChunkId));
    }

    [Fact]
    public void Explanation_ValueIsTheScore_AndEachNodeAddsUp()
    {
        var query = Query("住宿费", "标准");
        var candidate = Candidate("c", title: ["差旅费", "办法"], heading: ["住宿", "标准"], body: ["住宿费", "标准", "每晚", "600元", "住宿费"]);
        var statistics = Statistics(50, averageBody: 6, averageTitle: 2, ("住宿费", 4), ("标准", 9)) with { AverageHeadingLength = 2 };

        var ranked = Assert.Single(Ranker.Rank(query, [candidate], statistics, explain: true));

        var explanation = Assert.IsType<ScoreExplanation>(ranked.Explanation);
        Assert.Equal(ranked.Score, explanation.Value);
        Assert.Equal(["bm25f", "proximity", "coverage"], explanation.Details.Take(3).Select(d => d.Description.Split(' ', ':')[0]));
        Assert.Equal(explanation.Value, explanation.Details.Sum(d => d.Value), 1e-9);
        var bm25 = Part(ranked, "bm25f");
        Assert.Equal(2, bm25.Details.Count);
        Assert.Equal(bm25.Value, bm25.Details.Sum(d => d.Value), 1e-9);
        Assert.Equal(ChunkRanker.Idf(50, 4), bm25.Details[0].Details[1].Value, 1e-12);
        Assert.Null(Assert.Single(Ranker.Rank(query, [candidate], statistics, explain: false)).Explanation);
        Assert.Equal(ranked.Score, Ranker.Rank(query, [candidate], statistics, explain: false)[0].Score);
    }

    [Fact]
    public void CharacterPairBonus_RewardsTextHoldingTheQuestionsAdjacentCharacters()
    {
        var query = Query("有效", "算力");
        string[] body = ["有效", "的", "算力"];
        var verbatim = Candidate("verbatim", body: body, text: "千卡并行的有效算力达到92%");
        var scattered = Candidate("scattered", body: body, text: "有效的训练提高了算力");
        var statistics = Statistics(100, averageBody: 3, averageTitle: 0, ("有效", 5), ("算力", 5));

        var ranked = Ranker.Rank(query, [scattered, verbatim], statistics, explain: true);
        var withoutPairs = new ChunkRanker(RankingOptions.Default with { BigramWeight = 0 }).Rank(query, [scattered, verbatim], statistics, explain: false);

        Assert.Equal(["verbatim", "scattered"], ranked.Select(r => r.Candidate.ChunkId));
        Assert.True(Part(ranked[0], "character pairs").Value > Part(ranked[1], "character pairs").Value);
        Assert.Equal(withoutPairs[0].Score, withoutPairs[1].Score, 1e-12);
    }

    [Fact]
    public void Idf_IsPositive_AndFallsWithDocumentFrequency()
    {
        Assert.True(ChunkRanker.Idf(100, 1) > ChunkRanker.Idf(100, 10));
        Assert.True(ChunkRanker.Idf(100, 10) > ChunkRanker.Idf(100, 90));
        Assert.True(ChunkRanker.Idf(100, 100) > 0);
        Assert.Equal(Math.Log(1 + (99.5 / 1.5)), ChunkRanker.Idf(100, 1), 1e-12);
    }

    [Fact]
    public void EmptyQueryOrNoCandidates_RankNothing()
    {
        var statistics = Statistics(10, averageBody: 5, averageTitle: 1);

        Assert.Empty(Ranker.Rank(new AnalyzedQuery("吗", [], QuestionKind.Other), [Candidate("c", body: ["员工"])], statistics, explain: false));
        Assert.Empty(Ranker.Rank(Query("员工"), [], statistics, explain: false));
    }

    private static ScoreExplanation Part(RankedChunk ranked, string descriptionStart)
    {
        var explanation = ranked.Explanation ?? throw new InvalidOperationException("no explanation");
        return explanation.Details.Single(d => d.Description.StartsWith(descriptionStart, StringComparison.Ordinal));
    }

    /// <summary>A query of whole words at consecutive positions, each of weight 1.</summary>
    private static AnalyzedQuery Query(params string[] words)
    {
        var terms = words.Select((w, i) => new QueryTerm(w, 1, i)).ToArray();
        var sequence = words.Select((w, i) => new AnalyzedToken(w, i, i * 2, (i * 2) + 2)).ToArray();
        return new AnalyzedQuery(string.Concat(words), terms, QuestionKind.Other) { Sequence = sequence };
    }

    /// <summary>
    /// A candidate with the given field terms. Its text is the same neutral string for every candidate unless given,
    /// so that the character-pair bonus (computed on the text) is equal and each test isolates one mechanism.
    /// </summary>
    private static ChunkCandidate Candidate(string id, string[]? title = null, string[]? heading = null, string[]? body = null, string text = NeutralText) =>
        new(id, "doc-" + id, id + ".txt", text, 0, text.Length)
        {
            TitleTerms = title ?? [],
            HeadingTerms = heading ?? [],
            BodyTerms = body ?? [],
        };

    private static IndexStatistics Statistics(long chunks, double averageBody, double averageTitle, params (string Term, long Df)[] frequencies) =>
        new(chunks, averageBody, 0, averageTitle)
        {
            DocumentFrequency = frequencies.ToDictionary(f => f.Term, f => f.Df, StringComparer.Ordinal),
        };
}
