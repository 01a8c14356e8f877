using Wenjin.Text.Segmentation;
using Xunit;

namespace Wenjin.Text.Tests.Segmentation;

public sealed class ChineseSegmenterTests
{
    private readonly ChineseSegmenter _segmenter = ChineseSegmenter.Shared;

    [Theory]
    [InlineData("我来到北京清华大学", "我 来到 北京 清华大学")]
    [InlineData("他来到了网易杭研大厦", "他 来到 了 网易 杭研 大厦")]
    [InlineData("深度学习模型的训练需要大量标注数据", "深度 学习 模型 的 训练 需要 大量 标注 数据")]
    [InlineData("中国人民银行决定下调存款准备金率", "中国人民银行 决定 下调 存款 准备金率")]
    public void SegmentsLikeJieba(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', _segmenter.Cut(text)));
    }

    [Fact]
    public void JoinsUnknownCharactersWithTheHmm()
    {
        // 杭研 is not a dictionary word: the HMM joins the two single characters the dictionary route leaves.
        Assert.False(_segmenter.IsKnownWord("杭研"));
        Assert.Contains("杭研", _segmenter.Cut("他来到了网易杭研大厦"));
    }

    [Fact]
    public void WordsCoverTheTextExactly()
    {
        const string text = "粤港澳大湾区建设是国家重大战略涉及香港澳门和广东省九市";
        Assert.Equal(text, string.Concat(_segmenter.Cut(text)));
    }

    [Fact]
    public void SegmentsTraditionalTextAsItsSimplifiedForm()
    {
        Assert.Equal(_segmenter.Cut("半导体产业发展迅速"), _segmenter.Cut("半導體產業發展迅速"));
    }

    [Fact]
    public void SegmentsLongRunsBeyondTheStackBuffer()
    {
        string text = string.Concat(Enumerable.Repeat("数字经济创新发展", 100));
        IReadOnlyList<string> words = _segmenter.Cut(text);
        Assert.Equal(text, string.Concat(words));
        Assert.Equal(400, words.Count);
    }

    [Fact]
    public void LoadsTheDictionary()
    {
        Assert.True(_segmenter.DictionaryWords > 300_000, $"only {_segmenter.DictionaryWords} words loaded");
        Assert.True(_segmenter.IsKnownWord("清华大学"));
        Assert.True(_segmenter.IsKnownWord("資訊"));
    }
}
