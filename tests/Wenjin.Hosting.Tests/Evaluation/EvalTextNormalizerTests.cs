using Wenjin.Hosting.Evaluation;

namespace Wenjin.Hosting.Tests.Evaluation;

public sealed class EvalTextNormalizerTests
{
    [Theory]
    [InlineData("千卡并行的有效算力达到９２％", "千卡并行的有效算力达到92%")]
    [InlineData("ＰＵＥ降至１．１８", "pue降至1.18")]
    [InlineData("每人每晚 住宿费\n不超过\t600 元", "每人每晚住宿费不超过600元")]
    [InlineData("全角　空格与\u200B零宽字符\uFEFF", "全角空格与零宽字符")]
    [InlineData("VPN Client 5.2", "vpnclient5.2")]
    [InlineData("（行政楼三层302室）", "(行政楼三层302室)")]
    public void Normalize_FoldsFullWidthRemovesWhiteSpaceAndLowersCase(string input, string expected)
    {
        Assert.Equal(expected, EvalTextNormalizer.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\r\n　")]
    public void Normalize_OfNothing_IsEmpty(string? input)
    {
        Assert.Equal(string.Empty, EvalTextNormalizer.Normalize(input));
    }

    [Fact]
    public void Normalize_KeepsChineseCharactersAndPunctuationThatAreNotFullWidthAscii()
    {
        Assert.Equal("“资讯订阅”栏目、行业资讯。", EvalTextNormalizer.Normalize("“资讯订阅”栏目、行业资讯。"));
    }
}
