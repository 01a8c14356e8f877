using Wenjin.Text.Normalization;
using Xunit;

namespace Wenjin.Text.Tests.Normalization;

public sealed class CharacterFolderTests
{
    private readonly CharacterFolder _folder = CharacterFolder.Shared;

    [Theory]
    [InlineData("ＡＢＣ１２３％", "abc123%")]
    [InlineData("Ｑｗｅｎ２．５", "qwen2.5")]
    [InlineData("GPT-4 Turbo", "gpt-4 turbo")]
    [InlineData("北京\u3000上海", "北京 上海")]
    public void FoldsWidthAndCase(string input, string expected)
    {
        Assert.Equal(expected, _folder.Fold(input));
    }

    [Theory]
    [InlineData("臺灣", "台湾")]
    [InlineData("資訊", "资讯")]
    [InlineData("半導體產業發展", "半导体产业发展")]
    [InlineData("中華人民共和國", "中华人民共和国")]
    public void FoldsTraditionalToSimplified(string traditional, string simplified)
    {
        Assert.Equal(_folder.Fold(simplified), _folder.Fold(traditional));
        Assert.Equal(simplified, _folder.Fold(traditional));
    }

    [Fact]
    public void LeavesSimplifiedUnchanged_AndFoldsFullWidthPunctuation()
    {
        const string text = "国家统计局：5月份CPI同比上涨0.3%。";
        Assert.Equal("国家统计局:5月份cpi同比上涨0.3%。", _folder.Fold(text));
    }

    [Fact]
    public void KeepsLength_SoOffsetsIndexTheOriginal()
    {
        const string text = "臺灣ＡＩ產業，2023年成長１５％ 😀 𠮷野家";
        string folded = _folder.Fold(text);
        Assert.Equal(text.Length, folded.Length);
        Span<char> destination = stackalloc char[text.Length];
        _folder.Fold(text, destination);
        Assert.Equal(folded, destination.ToString());
    }

    [Fact]
    public void RejectsAShortDestination()
    {
        Assert.Throws<ArgumentException>(() => _folder.Fold("abc", new char[2]));
    }

    [Fact]
    public void LoadsTheTraditionalTable()
    {
        Assert.True(_folder.TraditionalMappings > 2000, $"only {_folder.TraditionalMappings} mappings loaded");
    }
}
