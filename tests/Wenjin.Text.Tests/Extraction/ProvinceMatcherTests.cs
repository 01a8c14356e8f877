using Wenjin.Text.Extraction;
using Xunit;

namespace Wenjin.Text.Tests.Extraction;

public sealed class ProvinceMatcherTests
{
    private static readonly ProvinceMatcher Matcher = new();

    [Fact]
    public void Knows_the_34_provincial_level_divisions()
    {
        Assert.Equal(34, ProvinceMatcher.Provinces.Count);
        Assert.Contains("广西壮族自治区", ProvinceMatcher.Provinces);
        Assert.Contains("香港特别行政区", ProvinceMatcher.Provinces);
        Assert.Contains("台湾省", ProvinceMatcher.Provinces);
    }

    [Theory]
    [InlineData("项目落地广东省。", "广东省", "广东省")]
    [InlineData("在广东开展试点。", "广东省", "广东")]
    [InlineData("总部位于深圳市南山区。", "广东省", "深圳市")]
    [InlineData("总部位于深圳。", "广东省", "深圳")]
    [InlineData("广西壮族自治区人民政府印发。", "广西壮族自治区", "广西壮族自治区")]
    [InlineData("在内蒙古建设数据中心。", "内蒙古自治区", "内蒙古")]
    [InlineData("呼和浩特的智算中心。", "内蒙古自治区", "呼和浩特")]
    [InlineData("北京智源科技有限公司承建。", "北京市", "北京")]
    [InlineData("上海市浦东新区。", "上海市", "上海市")]
    [InlineData("在廣東省推廣。", "广东省", "廣東省")]
    [InlineData("新疆维吾尔自治区乌鲁木齐市。", "新疆维吾尔自治区", "新疆维吾尔自治区")]
    public void Maps_full_short_and_city_names_to_the_province(string text, string province, string quote)
    {
        ExtractedValue match = Assert.Single(Matcher.Match(text));
        Assert.Equal(province, match.Value);
        Assert.Equal(quote, match.Evidence[0].Of(text));
    }

    [Theory]
    [InlineData("洞庭湖南岸风光。")]
    [InlineData("泰山西麓。")]
    [InlineData("黄河南岸。")]
    public void A_name_must_start_a_word(string text)
    {
        Assert.Empty(Matcher.Match(text));
    }

    [Fact]
    public void The_longest_name_wins()
    {
        ExtractedValue match = Assert.Single(Matcher.Match("浙江西部山区。"));
        Assert.Equal("浙江省", match.Value);
    }

    [Fact]
    public void Ranks_by_mentions_then_first_mention_and_reads_through_line_breaks()
    {
        const string Text = "项目在上海启动，随后推广到广东省深圳市和广\n州，以及北京。";
        IReadOnlyList<ExtractedValue> matches = Matcher.Match(Text);
        Assert.Equal(["广东省", "上海市", "北京市"], matches.Select(m => m.Value));
        Assert.Equal(["广东省", "深圳市", "广\n州"], matches[0].Evidence.Select(e => e.Of(Text)));
    }

    [Fact]
    public void Finds_the_provinces_of_a_converted_report_with_verbatim_evidence()
    {
        string text = ExtractionSamples.CaseReport;
        IReadOnlyList<ExtractedValue> matches = Matcher.Match(text);
        Assert.Equal(["广东省", "北京市", "上海市"], matches.Select(m => m.Value));
        Assert.Equal(["广东省", "深圳市", "广州"], matches[0].Evidence.Select(e => e.Of(text)));
        Assert.Equal(["北京", "北京"], matches[1].Evidence.Select(e => e.Of(text)));
    }
}
