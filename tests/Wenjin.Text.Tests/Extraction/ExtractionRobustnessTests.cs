using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

/// <summary>Every extractor on seeded random documents of realistic and hostile fragments: no failure, and every span a trimmed, in-range quote.</summary>
public sealed class ExtractionRobustnessTests
{
    private static readonly string[] Fragments =
    [
        "北京智源科技有限公司", "由", "承建", "与", "清华大学", "合作", "。", "，", "、", "；", "：", "\n", "\n\n", "\r\n", " ", "　", "\t",
        "准确率", "达到", "达\n到", "提升", "缩短至", "由 3 天", "97.6%", "９.２７％", "1,234,500.00", "元", "万元", "亿元", "￥", "人民币",
        "壹佰万元整", "百分之", "三十", "一百二十", "2024年", "5月", "20日", "2024-05-20", "2024/5/", "（", "）", "(集团)", "一、",
        "1.", "#", "|", "https://example.com/a/2024/0520.html", "GPT-4", "Zhipu AI Inc.", "Co., Ltd.", "bank", "BANK", "广东省",
        "深圳", "内蒙古", "湖南", "智能客服", "大模型", "余家", "网点", "个百分点", "😀", "\uD83D", "第3", "14:30", "-", "−", "零", "〇",
        "的", "该公司", "格局", "市中心", "局长", "银行业", "..", "!!", "？", "…", "“", "”", "\u00A0", "\u2028",
    ];

    private static readonly Taxonomy Taxonomy = Taxonomy.Parse("""
        {"version": 1, "facets": {"行业": [{"name": "金融", "terms": ["银行", "bank", "人民币"]}, {"name": "AI", "terms": ["大模型", "智能客服", "AI"]}]}}
        """);

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_extractor_returns_trimmed_in_range_spans_on_any_text(int seed)
    {
        var random = new Random(seed);
        var builder = new System.Text.StringBuilder();
        int count = random.Next(1, 300);
        for (int k = 0; k < count; k++)
        {
            builder.Append(Fragments[random.Next(Fragments.Length)]);
        }

        string text = builder.ToString();
        var spans = new List<TextSpan>();
        spans.AddRange(new ExtractiveSummarizer().Summarize(text, 5, 500).Select(s => s.Span));
        spans.AddRange(new KeywordExtractor().Extract(text, 20).SelectMany(k => k.Occurrences));
        spans.AddRange(new TaxonomyMatcher(Taxonomy).Match(text, "行业").SelectMany(m => m.Evidence));
        spans.AddRange(new QuantityExtractor().Extract(text).Select(q => q.Span));
        spans.AddRange(new OrganizationExtractor().Extract(text).SelectMany(o => o.Evidence));
        spans.AddRange(new ProvinceMatcher().Match(text).SelectMany(p => p.Evidence));
        foreach (ResultMetric metric in new MetricExtractor().Extract(text))
        {
            spans.AddRange([metric.Span, metric.MetricSpan, metric.VerbSpan, metric.ValueSpan]);
            Assert.True(metric.MetricSpan.Start >= metric.Span.Start && metric.ValueSpan.End <= metric.Span.End);
        }

        foreach (TextSpan span in spans)
        {
            Assert.InRange(span.Start, 0, text.Length - 1);
            Assert.InRange(span.End, span.Start + 1, text.Length);
            string quote = span.Of(text);
            Assert.False(char.IsWhiteSpace(quote[0]) || char.IsWhiteSpace(quote[^1]), $"'{quote}' is not trimmed.");
        }
    }

    [Fact]
    public void Empty_and_blank_texts_give_empty_results()
    {
        foreach (string text in new[] { "", " \n\t　\r\n" })
        {
            Assert.Empty(new ExtractiveSummarizer().Summarize(text));
            Assert.Empty(new KeywordExtractor().Extract(text));
            Assert.Empty(new TaxonomyMatcher(Taxonomy).Match(text, "行业"));
            Assert.Empty(new QuantityExtractor().Extract(text));
            Assert.Empty(new OrganizationExtractor().Extract(text));
            Assert.Empty(new ProvinceMatcher().Match(text));
            Assert.Empty(new MetricExtractor().Extract(text));
        }
    }
}
