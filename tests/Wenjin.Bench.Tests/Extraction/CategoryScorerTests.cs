using Wenjin.Bench.Extraction;
using Wenjin.Hosting.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

public sealed class CategoryScorerTests
{
    private static readonly EvaluatedField Technology = new("AI技术", ScoringRule.Category, "AI技术");
    private static readonly EvaluatedField Domain = new("领域", ScoringRule.Category, "行业");

    private static readonly ExpectedRecord News = TestRecords.Gold(
        "news-brief",
        """ "AI技术": ["大语言模型"], "AI技术_optional": ["检索增强生成"] """);

    private readonly CategoryScorer _scorer = new(ExtractionTaxonomy.Default);

    [Fact]
    public void OptionalName_IsNeitherTruePositiveNorFalsePositive()
    {
        var score = _scorer.Score(Technology, News, TestRecords.Field(new[] { "大语言模型", "检索增强生成" }));

        Assert.Equal(1, score.Precision);
        Assert.Equal(1, score.Recall);
        Assert.Equal(1, score.F1);
    }

    [Fact]
    public void OnlyOptionalNames_LeavePrecisionUndefinedAndRecallZero()
    {
        var score = _scorer.Score(Technology, News, TestRecords.Field(new[] { "检索增强生成" }));

        Assert.Null(score.Precision);
        Assert.Equal(0, score.Recall);
        Assert.Equal(0, score.F1);
    }

    [Fact]
    public void NameOutsideTheTaxonomy_IsAFalsePositive()
    {
        var score = _scorer.Score(Technology, News, TestRecords.Field(new[] { "大语言模型", "大模型" }));

        Assert.Equal(0.5, score.Precision);
        Assert.Equal(1, score.Recall);
        Assert.Equal(2.0 / 3, score.F1, 9);
    }

    [Fact]
    public void NameOfAnotherFacet_IsAFalsePositive()
    {
        // "金融" is a 行业 category, not an AI技术 one.
        var score = _scorer.Score(Technology, News, TestRecords.Field(new[] { "金融" }));

        Assert.Equal(0, score.Precision);
        Assert.Equal(0, score.F1);
    }

    [Fact]
    public void DomainField_UsesTheIndustryFacet_AndComparesNamesExactly()
    {
        var record = TestRecords.Gold("application-case", """ "领域": ["金融", "医疗健康"] """);

        var score = _scorer.Score(Domain, record, TestRecords.Field(new[] { "金融", "医疗", "金融" }));

        // 金融 (repeated, counted once) is a TP; 医疗 is not the taxonomy name 医疗健康, so an FP.
        Assert.Equal(0.5, score.Precision);
        Assert.Equal(0.5, score.Recall);
    }

    [Fact]
    public void DefaultTaxonomy_HasTheFacetsTheSetUses()
    {
        Assert.Contains("行业", ExtractionTaxonomy.Default.FacetNames);
        Assert.Contains("AI技术", ExtractionTaxonomy.Default.FacetNames);
        Assert.Contains("应用类型", ExtractionTaxonomy.Default.FacetNames);
    }
}
