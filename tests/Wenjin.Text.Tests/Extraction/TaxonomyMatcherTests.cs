using Wenjin.Errors;
using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

public sealed class TaxonomyMatcherTests
{
    private static readonly Taxonomy Sample = Taxonomy.Parse("""
        {"version": 1, "facets": {
          "行业": [
            {"name": "金融", "terms": ["金融", "银行", "理财", "信用卡", "bank", "fintech"]},
            {"name": "医疗", "terms": ["医疗", "医院", "hospital"]},
            {"name": "政务", "terms": ["政务", "政府"]}
          ],
          "AI技术": [
            {"name": "大模型", "terms": ["大模型", "大语言模型", "LLM", "large language model"]},
            {"name": "检索增强", "terms": ["RAG", "检索增强生成"]},
            {"name": "智能客服", "terms": ["智能客服", "客服机器人", "AI客服"]},
            {"name": "人工智能", "terms": ["人工智能", "AI"]}
          ]
        }}
        """);

    private readonly TaxonomyMatcher _matcher = new(Sample);

    [Fact]
    public void Counts_hits_per_category_with_every_quote()
    {
        const string Text = "该银行的理财业务和信用卡中心接入大模型；医院尚未接入。";
        IReadOnlyList<CategoryMatch> matches = _matcher.Match(Text, "行业");

        Assert.Equal([("金融", 3), ("医疗", 1)], matches.Select(m => (m.Category, m.Hits)));
        Assert.Equal(["银行", "理财", "信用卡"], matches[0].Evidence.Select(e => e.Of(Text)));
        Assert.All(matches, m => Assert.Equal("行业", m.Facet));
    }

    [Theory]
    [InlineData("The BANK launched a Fintech app.", new[] { "BANK", "Fintech" })]
    [InlineData("Two banks joined.", new[] { "banks" })]
    [InlineData("ＢＡＮＫ的业务。", new[] { "ＢＡＮＫ" })]
    public void Matches_latin_terms_in_any_case_and_width_with_a_plural(string text, string[] quotes)
    {
        CategoryMatch match = Assert.Single(_matcher.Match(text, "行业"));
        Assert.Equal(quotes, match.Evidence.Select(e => e.Of(text)));
    }

    [Theory]
    [InlineData("Online banking grew.")]
    [InlineData("He is a banker.")]
    [InlineData("The embankment held.")]
    public void Matches_latin_terms_as_whole_words_only(string text)
    {
        Assert.Empty(_matcher.Match(text, "行业"));
    }

    [Fact]
    public void Latin_terms_match_next_to_chinese_characters()
    {
        const string Text = "部署AI客服和AI 质检，基于LLM与RAG。";
        IReadOnlyList<CategoryMatch> matches = _matcher.Match(Text, "AI技术");
        Assert.Equal(["智能客服", "人工智能", "大模型", "检索增强"], matches.Select(m => m.Category));
        Assert.Equal(["AI客服"], matches[0].Evidence.Select(e => e.Of(Text)));
        Assert.Equal(["AI"], matches[1].Evidence.Select(e => e.Of(Text)));
    }

    [Fact]
    public void Reads_through_a_line_break_inside_a_chinese_term()
    {
        const string Text = "系统基于检索增强\n生成技术，采用大语\n言模型。";
        IReadOnlyList<CategoryMatch> matches = _matcher.Match(Text, "AI技术");
        Assert.Equal(["检索增强", "大模型"], matches.Select(m => m.Category));
        Assert.Equal("检索增强\n生成", matches[0].Evidence[0].Of(Text));
        Assert.Equal("大语\n言模型", matches[1].Evidence[0].Of(Text));
    }

    [Fact]
    public void Reads_through_spaces_next_to_chinese_characters()
    {
        const string Text = "采用人工 智能和 AI 客服。";
        IReadOnlyList<CategoryMatch> matches = _matcher.Match(Text, "AI技术");
        Assert.Equal(["人工智能", "智能客服"], matches.Select(m => m.Category));
        Assert.Equal("人工 智能", matches[0].Evidence[0].Of(Text));
        Assert.Equal("AI 客服", matches[1].Evidence[0].Of(Text));
    }

    [Fact]
    public void The_longest_term_wins_and_a_stretch_of_text_is_one_hit()
    {
        const string Text = "大语言模型与 large language models 的比较。";
        CategoryMatch match = Assert.Single(_matcher.Match(Text, "AI技术"));
        Assert.Equal(["大语言模型", "large language models"], match.Evidence.Select(e => e.Of(Text)));
    }

    [Fact]
    public void Applies_the_minimum_hits_and_the_maximum_number_of_categories()
    {
        const string Text = "政务大厅引入智能客服。智能客服与人工智能平台对接，政府采购了AI客服。";
        Assert.Equal(["智能客服", "人工智能"], _matcher.Match(Text, "AI技术").Select(m => m.Category));
        Assert.Equal(["智能客服"], _matcher.Match(Text, "AI技术", minimumHits: 2).Select(m => m.Category));
        Assert.Equal(["智能客服"], _matcher.Match(Text, "AI技术", maxCategories: 1).Select(m => m.Category));
        Assert.Equal([("政务", 2)], _matcher.Match(Text, "行业").Select(m => (m.Category, m.Hits)));
    }

    [Fact]
    public void Ranks_equal_hits_by_first_position()
    {
        const string Text = "医院与银行合作。";
        Assert.Equal(["医疗", "金融"], _matcher.Match(Text, "行业").Select(m => m.Category));
    }

    [Fact]
    public void Rejects_an_unknown_facet_and_invalid_limits()
    {
        Assert.Equal(WenjinErrorKind.InvalidInput, Assert.Throws<WenjinException>(() => _matcher.Match("文本", "地区")).Kind);
        Assert.Throws<WenjinException>(() => _matcher.Match("文本", "行业", minimumHits: 0));
        Assert.Throws<WenjinException>(() => _matcher.Match("文本", "行业", maxCategories: 0));
    }

    [Fact]
    public void Matches_a_converted_report_with_verbatim_evidence()
    {
        string text = ExtractionSamples.CaseReport;
        IReadOnlyList<CategoryMatch> industries = _matcher.Match(text, "行业");
        IReadOnlyList<CategoryMatch> techniques = _matcher.Match(text, "AI技术");

        Assert.Equal([("金融", 1)], industries.Select(m => (m.Category, m.Hits)));
        Assert.Equal([("智能客服", 4), ("人工智能", 1)], techniques.Select(m => (m.Category, m.Hits)));
        foreach (CategoryMatch match in industries.Concat(techniques))
        {
            TaxonomyCategory category = Sample.Facet(match.Facet).Categories.Single(c => c.Name == match.Category);
            Assert.All(match.Evidence, e => Assert.Contains(
                category.Terms,
                term => string.Equals(VerbatimText.Compact(term), VerbatimText.Compact(e.Of(text)), StringComparison.OrdinalIgnoreCase)));
        }
    }
}
