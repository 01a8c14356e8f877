using Wenjin.Errors;
using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

public sealed class ExtractiveSummarizerTests
{
    private const string News = """
        某市上线政务智能问答平台

        2024-06-01 08:30　来源：某市日报
        【导读】
        某市政务服务管理局6月1日宣布，全市政务智能问答平台正式上线，市民可通过网站和手机应用咨询社保、公积金和户籍等业
        务。平台基于大模型和检索增强生成技术，知识库收录政策文件1.2万份，平均响应时间为2秒。
        试运行期间，平台共回答市民咨询35万次，问题解决率达到91%，人工坐席工作量下降40%。
        市民王女士说：“很方便。”
        市政务服务管理局负责人表示，下一步将把平台接入更多部门的业务系统，持续提升政务服务效率。
        相关链接：http://example.gov.cn/zwfw
        责任编辑：李明
        """;

    private static readonly ExtractiveSummarizer Summarizer = new();

    [Fact]
    public void Picks_the_lead_and_the_most_central_sentences_in_document_order()
    {
        IReadOnlyList<SummarySentence> summary = Summarizer.Summarize(News);

        Assert.Equal(
            [
                "某市政务服务管理局6月1日宣布，全市政务智能问答平台正式上线，市民可通过网站和手机应用咨询社保、公积金和户籍等业务。",
                "试运行期间，平台共回答市民咨询35万次，问题解决率达到91%，人工坐席工作量下降40%。",
                "市政务服务管理局负责人表示，下一步将把平台接入更多部门的业务系统，持续提升政务服务效率。",
            ],
            summary.Select(s => s.Text));
        Assert.True(summary[0].Score > summary[1].Score && summary[0].Score > summary[2].Score);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Among_comparably_central_sentences_the_lead_scores_highest(int rotation)
    {
        string[] sentences = ["银行推出理财产品和信用卡分期业务。", "银行升级手机应用和网点设备。", "银行招聘客服人员和技术专家。"];
        string text = string.Concat(sentences.Skip(rotation).Concat(sentences.Take(rotation)));

        IReadOnlyList<SummarySentence> summary = Summarizer.Summarize(text);

        Assert.Equal(3, summary.Count);
        Assert.True(summary[0].Score > summary[1].Score && summary[0].Score > summary[2].Score, "The lead sentence scores highest.");
    }

    [Fact]
    public void Quotes_each_sentence_verbatim_including_the_line_break_it_was_printed_with()
    {
        SummarySentence lead = Summarizer.Summarize(News, maxSentences: 1)[0];

        string quote = lead.Span.Of(News);
        Assert.Contains("等业\n务。", quote, StringComparison.Ordinal);
        Assert.Equal(lead.Text, quote.Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Never_picks_titles_headings_bylines_links_or_fragments()
    {
        IReadOnlyList<SummarySentence> all = Summarizer.Summarize(News, maxSentences: 20, maxCharacters: 5000);

        Assert.Equal(5, all.Count);
        Assert.DoesNotContain(all, s => s.Text.Contains("来源", StringComparison.Ordinal) || s.Text.Contains("http", StringComparison.Ordinal)
            || s.Text.Contains("责任编辑", StringComparison.Ordinal) || s.Text.Contains("导读", StringComparison.Ordinal) || s.Text == "某市上线政务智能问答平台");
        Assert.Equal(all.OrderBy(s => s.Span.Start), all);
    }

    [Fact]
    public void Stays_within_the_character_budget()
    {
        IReadOnlyList<SummarySentence> summary = Summarizer.Summarize(News, maxSentences: 3, maxCharacters: 100);

        Assert.True(summary.Sum(s => s.Text.Length) <= 100);
        Assert.Equal(2, summary.Count);
        Assert.StartsWith("某市政务服务管理局6月1日宣布", summary[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaves_out_a_sentence_that_repeats_a_chosen_one()
    {
        const string Text = "模型准确率达到97%，响应时间缩短一半。模型准确率达到97%，响应时间缩短一半！系统还支持语音渠道和文本渠道的接入。";
        IReadOnlyList<SummarySentence> summary = Summarizer.Summarize(Text, maxSentences: 3);

        Assert.Equal(2, summary.Count);
        Assert.Single(summary, s => s.Text.StartsWith("模型准确率", StringComparison.Ordinal));
    }

    [Fact]
    public void A_text_without_prose_has_no_summary()
    {
        Assert.Empty(Summarizer.Summarize("一、项目背景\n二、建设成效\n原文链接：https://example.com\n| 指标 | 数值 |"));
        Assert.Empty(Summarizer.Summarize(""));
    }

    [Fact]
    public void Rejects_an_empty_budget()
    {
        Assert.Equal(WenjinErrorKind.InvalidInput, Assert.Throws<WenjinException>(() => Summarizer.Summarize(News, maxSentences: 0)).Kind);
        Assert.Throws<WenjinException>(() => Summarizer.Summarize(News, maxCharacters: 0));
    }

    [Fact]
    public void Summarizes_a_converted_report_with_verbatim_spans()
    {
        string text = ExtractionSamples.CaseReport;
        IReadOnlyList<SummarySentence> summary = Summarizer.Summarize(text);

        Assert.Equal(3, summary.Count);
        Assert.True(summary.Sum(s => s.Text.Length) <= 300);
        Assert.All(summary, s => Assert.Equal(s.Text, s.Span.Of(text).Replace("\n", "", StringComparison.Ordinal)));
        Assert.All(summary, s => Assert.True(s.Text[^1] is '。' or '.', s.Text));
        Assert.Contains(summary, s => s.Text.Contains("北京智源科技有限公司承建", StringComparison.Ordinal));
    }
}
