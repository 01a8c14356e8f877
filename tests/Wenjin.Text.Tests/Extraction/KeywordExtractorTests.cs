using Wenjin.Errors;
using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

public sealed class KeywordExtractorTests
{
    private static readonly KeywordExtractor Extractor = new();

    [Fact]
    public void Without_statistics_ranks_by_term_frequency()
    {
        const string Text = "理财产品收益稳定。理财产品风险较低，客户购买理财产品的意愿增强。监管部门关注风险。";
        IReadOnlyList<ExtractedKeyword> keywords = Extractor.Extract(Text, 2);

        Assert.Equal([("理财产品", 3), ("风险", 2)], keywords.Select(k => (k.Term, k.Frequency)));
        Assert.Equal(3.0, keywords[0].Score);
        Assert.All(keywords[0].Occurrences, o => Assert.Equal("理财产品", o.Of(Text)));
    }

    [Fact]
    public void The_knowledge_base_statistics_weigh_terms_by_rarity()
    {
        const string Text = "银行推出新的理财产品。银行表示，理财产品面向个人客户，银行网点和手机银行均可购买。";
        var frequencies = new Dictionary<string, long> { ["银行"] = 900, ["理财产品"] = 3, ["手机银行"] = 40 };

        IReadOnlyList<ExtractedKeyword> keywords = Extractor.Extract(Text, 3, t => frequencies.GetValueOrDefault(t, 100), 1000);

        Assert.Equal("理财产品", keywords[0].Term);
        double expected = 2 * (Math.Log(1001.0 / 4.0) + 1);
        Assert.Equal(expected, keywords[0].Score, 9);
        Assert.True(keywords.Single(k => k.Term == "银行").Score < keywords[0].Score);
    }

    [Fact]
    public void Joins_words_that_keep_standing_together_into_one_compound()
    {
        const string Text = "智能客服上线后，智能客服的响应更快；客服人员转向复杂问题，智能客服覆盖夜间时段。";
        ExtractedKeyword top = Extractor.Extract(Text, 1)[0];

        Assert.Equal(("智能客服", 3), (top.Term, top.Frequency));
        Assert.All(top.Occurrences, o => Assert.Equal("智能客服", o.Of(Text)));
    }

    [Fact]
    public void A_word_between_two_compounds_joins_the_one_it_stands_with_more_often()
    {
        // 模型 智能 客服: 模型+智能 stand together twice, 智能+客服 three times, so 智能 belongs to 智能客服.
        const string Text = "大模型智能客服上线，大模型智能客服答疑；智能客服覆盖夜间。";
        var keywords = Extractor.Extract(Text, 10);

        Assert.Contains(keywords, k => k.Term == "智能客服" && k.Frequency == 3);
        Assert.DoesNotContain(keywords, k => k.Term == "模型智能");
    }

    [Fact]
    public void A_compound_the_knowledge_base_does_not_know_takes_the_frequency_of_its_rarer_word()
    {
        const string Text = "智能客服上线后，智能客服的响应更快。";
        var frequencies = new Dictionary<string, long> { ["智能"] = 500, ["客服"] = 20 };

        ExtractedKeyword top = Extractor.Extract(Text, 1, t => frequencies.GetValueOrDefault(t, 0), 1000)[0];

        Assert.Equal("智能客服", top.Term);
        Assert.Equal(2 * (Math.Log(1001.0 / 21.0) + 1), top.Score, 9);
    }

    [Fact]
    public void Leaves_out_stop_words_single_characters_and_numbers()
    {
        const string Text = "我们在2023年实现了92%的增长，我们的目标是1000万元。我们认为模型很好，模型也在改进。";
        IReadOnlyList<string> terms = [.. Extractor.Extract(Text, 20).Select(k => k.Term)];

        Assert.Equal("模型", terms[0]);
        Assert.DoesNotContain("我们", terms);
        Assert.DoesNotContain("2023年", terms);
        Assert.DoesNotContain("92%", terms);
        Assert.DoesNotContain("1000万元", terms);
        Assert.All(terms, t => Assert.True(t.Length >= 2, t));
    }

    [Fact]
    public void Keeps_english_terms_with_their_surface_form()
    {
        const string Text = "The cluster has 1,024 GPUs. GPUs run the RAG pipeline; the RAG pipeline serves LLM queries.";
        IReadOnlyList<ExtractedKeyword> keywords = Extractor.Extract(Text, 3);

        ExtractedKeyword gpu = keywords.Single(k => k.Term == "gpu");
        Assert.Equal(("GPUs", 2), (gpu.Text, gpu.Frequency));
        Assert.Contains(keywords, k => k.Term == "rag" && k.Text == "RAG");
    }

    [Fact]
    public void Reads_a_word_broken_by_a_hard_line_break()
    {
        const string Text = "本行在多个渠道部署了智能客服，智能\n客服每天服务数万名客户，智能客服还支持英文问答。";
        ExtractedKeyword top = Extractor.Extract(Text, 1)[0];

        Assert.Equal(("智能客服", 3), (top.Term, top.Frequency));
        Assert.Equal("智能\n客服", top.Occurrences[1].Of(Text));
        Assert.Equal("智能客服", top.Text);
    }

    [Fact]
    public void Rejects_invalid_arguments()
    {
        Assert.Equal(WenjinErrorKind.InvalidInput, Assert.Throws<WenjinException>(() => Extractor.Extract("文本", 0)).Kind);
        Assert.Throws<WenjinException>(() => Extractor.Extract("文本", 5, null, 10));
        Assert.Throws<WenjinException>(() => Extractor.Extract("文本", 5, _ => 1, -1));
    }

    [Fact]
    public void Finds_the_keywords_of_a_converted_report_with_verbatim_occurrences()
    {
        string text = ExtractionSamples.CaseReport;
        IReadOnlyList<ExtractedKeyword> keywords = Extractor.Extract(text, 10);

        Assert.Equal("智能客服", keywords[0].Term);
        Assert.Equal(10, keywords.Count);
        foreach (ExtractedKeyword keyword in keywords)
        {
            Assert.Equal(keyword.Frequency, keyword.Occurrences.Count);
            Assert.All(keyword.Occurrences, o => Assert.StartsWith(keyword.Term, VerbatimText.Compact(o.Of(text)).ToLowerInvariant(), StringComparison.Ordinal));
            Assert.Contains(keyword.Occurrences, o => VerbatimText.Compact(o.Of(text)) == VerbatimText.Compact(keyword.Text));
        }
    }
}
