using Wenjin.Analysis;
using Wenjin.Text.Analysis;
using Wenjin.Text.Normalization;
using Wenjin.Text.Segmentation;
using Xunit;

namespace Wenjin.Text.Tests.Analysis;

public sealed class ChineseAnalyzerTests
{
    private readonly ChineseAnalyzer _analyzer = ChineseAnalyzer.Shared;

    [Fact]
    public void HasTheWenjinZhSignature()
    {
        Assert.Equal(new AnalyzerSignature("wenjin-zh", 1), _analyzer.Signature);
    }

    [Theory]
    [InlineData("有效算力达到92%", "92%")]
    [InlineData("有效算力达到 92%", "92%")]
    [InlineData("有效率达到97.6%", "97.6%")]
    [InlineData("计划投资5000P算力", "5000p")]
    [InlineData("2023年GDP增长5.2%", "2023年")]
    [InlineData("募资3.5亿", "3.5亿")]
    [InlineData("补贴100万元", "100万元")]
    [InlineData("存储10MB", "10mb")]
    [InlineData("共计1,000人次", "1000人")]
    [InlineData("营收１２３％", "123%")]
    [InlineData("下调0.5个百分点", "0.5个百分点")]
    [InlineData("行驶400公里", "400公里")]
    public void KeepsNumbersWithTheirUnitsWhole(string text, string expectedTerm)
    {
        Assert.Contains(expectedTerm, Terms(text));
    }

    [Fact]
    public void SplitsADateIntoYearAndMonth()
    {
        Assert.Equal(["2023年", "5月", "发布"], Terms("2023年5月发布"));
    }

    [Fact]
    public void KeepsDigitGroupsOnlyWhenTheyAreGroups()
    {
        Assert.Equal(["1000000"], Terms("1,000,000"));
        Assert.Equal(["12", "34"], Terms("12,34"));
    }

    [Theory]
    [InlineData("GPT-4", "gpt-4")]
    [InlineData("Qwen2.5", "qwen2.5")]
    [InlineData("A100", "a100")]
    [InlineData("华为昇腾910B", "910b")]
    [InlineData("用C++编写", "c++")]
    [InlineData("COVID-19疫情", "covid-19")]
    public void KeepsMixedTokensWhole(string text, string expectedTerm)
    {
        Assert.Contains(expectedTerm, Terms(text));
    }

    [Theory]
    [InlineData("models", "model")]
    [InlineData("Models", "model")]
    [InlineData("companies", "company")]
    [InlineData("GPUs", "gpu")]
    [InlineData("TFLOPS", "tflops")]
    [InlineData("analysis", "analysis")]
    [InlineData("status", "status")]
    [InlineData("class", "class")]
    [InlineData("training", "training")]
    public void StemsEnglishPluralsOnly(string word, string expected)
    {
        Assert.Equal([expected], Terms(word));
    }

    [Fact]
    public void DropsEnglishFunctionWordsAndPunctuation()
    {
        Assert.Equal(["model", "trained", "larger", "dataset"], Terms("The models are trained on the larger datasets."));
    }

    [Fact]
    public void DropsSingleCharacterFunctionWords_WithoutSpendingPositions()
    {
        List<AnalyzedToken> tokens = _analyzer.Analyze("北京的天气和上海的天气");
        Assert.Equal(["北京", "天气", "上海", "天气"], tokens.Select(t => t.Term));
        Assert.Equal([0, 1, 2, 3], tokens.Select(t => t.Position));
    }

    [Fact]
    public void TraditionalTextFindsSimplifiedTerms()
    {
        Assert.Equal(Terms("台湾的资讯产业发展迅速"), Terms("臺灣的資訊產業發展迅速"));
        Assert.Contains("台湾", Terms("臺灣"));
        Assert.Contains("资讯", Terms("資訊"));
    }

    [Fact]
    public void EmitsDictionarySubwordsOfLongWordsAtTheWordsPosition()
    {
        List<AnalyzedToken> tokens = _analyzer.Analyze("北京市人民政府办公厅");
        AnalyzedToken word = Assert.Single(tokens, t => t.Term == "北京市人民政府");
        Assert.Equal(0, word.Position);
        foreach (string part in new[] { "北京", "北京市", "人民", "政府" })
        {
            AnalyzedToken subword = Assert.Single(tokens, t => t.Term == part);
            Assert.Equal(word.Position, subword.Position);
        }

        Assert.Equal(1, Assert.Single(tokens, t => t.Term == "办公厅").Position);
    }

    [Fact]
    public void JoinsUnknownNames_AndEmitsTheirBigramsAtTheNamesPosition()
    {
        // 王文涛 is not in the dictionary: the HMM forms the name; its bigrams bridge other segmentations of it.
        Assert.False(ChineseSegmenter.Shared.IsKnownWord("王文涛"));
        List<AnalyzedToken> tokens = _analyzer.Analyze("中国商务部部长王文涛表示，两国合作前景广阔");
        AnalyzedToken name = Assert.Single(tokens, t => t.Term == "王文涛");
        AnalyzedToken first = Assert.Single(tokens, t => t.Term == "王文");
        AnalyzedToken second = Assert.Single(tokens, t => t.Term == "文涛");
        Assert.Equal((name.Position, name.Start, name.Start + 2), (first.Position, first.Start, first.End));
        Assert.Equal((name.Position, name.Start + 1, name.End), (second.Position, second.Start, second.End));
    }

    [Fact]
    public void TermsNeverContainWhiteSpaceOrUpperCase()
    {
        const string text = "OpenAI 发布 GPT-4o 模型，支持文本、图像和音频的实时推理。 Ｑｗｅｎ ２．５ 和 Llama 3\t70B\n2023年 5 月";
        foreach (AnalyzedToken token in _analyzer.Analyze(text))
        {
            Assert.DoesNotContain(token.Term, char.IsWhiteSpace);
            Assert.Equal(token.Term.ToLowerInvariant(), token.Term);
            Assert.NotEqual(string.Empty, token.Term);
        }
    }

    [Theory]
    [InlineData("華為昇騰910B芯片的FP16算力約為280 TFLOPS，國務院常務會議審議通過。")]
    [InlineData("千卡并行的有效算力达到 92%，Ｑｗｅｎ２．５ 模型 2023年5月发布")]
    [InlineData("中华人民共和国个人信息保护法自2021年11月1日起施行")]
    public void SpansIndexTheInput_AndFoldToTheTermForCjkWords(string text)
    {
        CharacterFolder folder = _analyzer.Folder;
        List<AnalyzedToken> tokens = _analyzer.Analyze(text);
        Assert.NotEmpty(tokens);
        int previousPosition = -1;
        foreach (AnalyzedToken token in tokens)
        {
            Assert.InRange(token.Start, 0, text.Length - 1);
            Assert.InRange(token.End, token.Start + 1, text.Length);
            Assert.InRange(token.Position, previousPosition, previousPosition + 1);
            previousPosition = token.Position;
            string folded = folder.Fold(text[token.Start..token.End]);
            if (folded.All(c => c >= '\u4E00' && c <= '\u9FFF'))
            {
                Assert.Equal(token.Term, folded);
            }
            else
            {
                Assert.StartsWith(token.Term[0].ToString(), folded, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void AnalyzesLongTextBeyondTheStackBuffer()
    {
        string paragraph = "中国人民银行决定下调金融机构存款准备金率0.5个百分点。";
        string text = string.Concat(Enumerable.Repeat(paragraph, 200));
        List<AnalyzedToken> tokens = _analyzer.Analyze(text);
        List<AnalyzedToken> once = _analyzer.Analyze(paragraph);
        Assert.Equal(once.Count * 200, tokens.Count);
        Assert.Equal(text.Length - paragraph.Length + once[^1].End, tokens[^1].End);
    }

    [Fact]
    public void AppendsToTheCallersList_AndReturnsNothingForEmptyText()
    {
        var tokens = new List<AnalyzedToken> { new("已有", 0, 0, 2) };
        _analyzer.Analyze(ReadOnlySpan<char>.Empty, tokens);
        _analyzer.Analyze("，。！ ", tokens);
        Assert.Single(tokens);
        _analyzer.Analyze("北京", tokens);
        Assert.Equal(["已有", "北京"], tokens.Select(t => t.Term));
    }

    [Fact]
    public void IsThreadSafe()
    {
        const string text = "阿里云通义千问Qwen2.5系列模型在多项基准测试中表现优异，宁德时代发布神行超充电池。";
        string expected = string.Join(' ', Terms(text));
        string[] results = new string[8];
        Parallel.For(0, results.Length, i =>
        {
            string last = string.Empty;
            for (int round = 0; round < 50; round++)
            {
                last = string.Join(' ', Terms(text));
            }

            results[i] = last;
        });
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private List<string> Terms(string text) => [.. _analyzer.Analyze(text).Select(t => t.Term)];
}
