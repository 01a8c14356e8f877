using Wenjin.Analysis;
using Wenjin.Text.Analysis;
using Xunit;

namespace Wenjin.Text.Tests.Analysis;

public sealed class QueryAnalyzerTests
{
    private readonly QueryAnalyzer _analyzer = QueryAnalyzer.Shared;

    [Theory]
    [InlineData("2023年GDP增长了多少？", QuestionKind.Quantity)]
    [InlineData("5G基站建成多少个？", QuestionKind.Quantity)]
    [InlineData("存款准备金率下调几个百分点？", QuestionKind.Quantity)]
    [InlineData("武汉长江大桥有多长？", QuestionKind.Quantity)]
    [InlineData("杨振宁多少年获得诺贝尔奖？", QuestionKind.Quantity)]
    [InlineData("How many GPUs does the A100 cluster have?", QuestionKind.Quantity)]
    [InlineData("谁是小米集团的创始人？", QuestionKind.Person)]
    [InlineData("Who founded Xiaomi?", QuestionKind.Person)]
    [InlineData("华为昇腾910B是哪家公司生产的？", QuestionKind.Organization)]
    [InlineData("哪个公司发布了GPT-4o？", QuestionKind.Organization)]
    [InlineData("杭州亚运会什么时候举行？", QuestionKind.Time)]
    [InlineData("科创板哪一年开市？", QuestionKind.Time)]
    [InlineData("上海证券交易所科创板于哪天正式开市？", QuestionKind.Time)]
    [InlineData("央行几月公布了数据？", QuestionKind.Time)]
    [InlineData("When was Qwen2.5 released?", QuestionKind.Time)]
    [InlineData("北京市人民政府办公厅在哪里？", QuestionKind.Place)]
    [InlineData("华为总部在哪？", QuestionKind.Place)]
    [InlineData("中国的首都是哪个城市？", QuestionKind.Place)]
    [InlineData("有哪些城市属于粤港澳大湾区？", QuestionKind.List)]
    [InlineData("智能手机有什么功能？", QuestionKind.List)]
    [InlineData("为什么要推动大规模设备更新？", QuestionKind.Reason)]
    [InlineData("降准的原因是什么？", QuestionKind.Reason)]
    [InlineData("Why do large models need so much compute?", QuestionKind.Reason)]
    [InlineData("如何申请个人所得税退税？", QuestionKind.Method)]
    [InlineData("怎么提高模型的推理效率？", QuestionKind.Method)]
    [InlineData("新能源汽车渗透率是否突破了40%？", QuestionKind.YesNo)]
    [InlineData("数字人民币试点扩大了吗？", QuestionKind.YesNo)]
    [InlineData("有没有关于个人信息保护法的规定？", QuestionKind.YesNo)]
    [InlineData("Is GPT-4 open source?", QuestionKind.YesNo)]
    [InlineData("什么是供给侧结构性改革？", QuestionKind.Definition)]
    [InlineData("AIGC是什么？", QuestionKind.Definition)]
    [InlineData("What is AIGC?", QuestionKind.Definition)]
    [InlineData("臺灣的半導體產業為什麼發展迅速？", QuestionKind.Reason)]
    [InlineData("華為什麼時候發布鴻蒙系統？", QuestionKind.Time)]
    [InlineData("北京天气", QuestionKind.Other)]
    [InlineData("哪吒汽车几乎每个月都推出新品", QuestionKind.Other)]
    public void ClassifiesTheQuestion(string question, QuestionKind expected)
    {
        Assert.Equal(expected, _analyzer.Analyze(question).Kind);
    }

    [Theory]
    [InlineData("请问，茅台2023年营业收入是多少亿元？", "茅台 2023年 营业 收入")]
    [InlineData("请告诉我一下宁德时代的充电时间", "宁德 时代 充电 时间")]
    [InlineData("杭州亚运会什么时候举行？", "杭州 亚运会 举行")]
    [InlineData("冬奥会的志愿者有多少人？", "冬奥会 志愿者")]
    [InlineData("When was Qwen2.5 released?", "qwen2.5 released")]
    [InlineData("What is AIGC?", "aigc")]
    public void StripsQuestionWordsAndFillers(string question, string expectedWords)
    {
        Assert.Equal(expectedWords, string.Join(' ', Words(_analyzer.Analyze(question))));
    }

    [Fact]
    public void TraditionalQuestionsGiveTheSimplifiedTerms()
    {
        AnalyzedQuery traditional = _analyzer.Analyze("華為什麼時候發布鴻蒙系統？");
        AnalyzedQuery simplified = _analyzer.Analyze("华为什么时候发布鸿蒙系统？");
        Assert.Equal(simplified.Terms, traditional.Terms);
        Assert.Equal(["华为", "发布", "鸿蒙", "系统"], Words(traditional));
    }

    [Fact]
    public void KeepsContentWordsThatContainQuestionCharacters()
    {
        AnalyzedQuery query = _analyzer.Analyze("哪吒汽车几乎每个月都推出什么活动？");
        Assert.Contains(query.Terms, t => t.Term == "几乎");
        Assert.Contains(query.Terms, t => t.Term == CharacterFolded("哪吒"));
        Assert.Equal(["什么"], query.Removed);
        Assert.Equal(QuestionKind.Definition, query.Kind);
    }

    [Fact]
    public void RecordsWhatWasRemoved()
    {
        AnalyzedQuery query = _analyzer.Analyze("请问数字人民币试点扩大了吗？");
        Assert.Equal(["请问", "吗"], query.Removed);
    }

    [Fact]
    public void MergesDuplicates_AndWeighsRecallTermsLower()
    {
        AnalyzedQuery query = _analyzer.Analyze("北京市人民政府位于北京市哪个区？");
        QueryTerm city = Assert.Single(query.Terms, t => t.Term == "北京市");
        QueryTerm whole = Assert.Single(query.Terms, t => t.Term == "北京市人民政府");
        QueryTerm part = Assert.Single(query.Terms, t => t.Term == "人民");
        Assert.Equal(1.0, whole.Weight);
        Assert.Equal(QueryAnalyzer.RecallTermWeight, part.Weight);
        Assert.True(city.Weight > 1.0, $"北京市 occurs as a word and as a sub-word, weight {city.Weight}");
        Assert.Equal(0, city.Position);
        Assert.Equal(query.Terms.Count, query.Terms.Select(t => t.Term).Distinct().Count());
    }

    [Fact]
    public void RenumbersPositionsOverKeptWords()
    {
        AnalyzedQuery query = _analyzer.Analyze("华为什么时候发布鸿蒙系统");
        Assert.Equal(["华为", "发布", "鸿蒙", "系统"], Words(query));
        Assert.Equal([0, 1, 2, 3], query.Sequence.Select(t => t.Position).Distinct());
        AnalyzedToken release = Assert.Single(query.Sequence, t => t.Term == "发布");
        Assert.Equal("发布", "华为什么时候发布鸿蒙系统"[release.Start..release.End]);
    }

    [Fact]
    public void AnswersAnEmptyQueryForOnlyQuestionWords()
    {
        AnalyzedQuery query = _analyzer.Analyze("是什么？");
        Assert.Empty(query.Terms);
        Assert.Empty(query.Sequence);
        Assert.Equal(QuestionKind.Definition, query.Kind);
    }

    [Fact]
    public void WorksOverAnyTextAnalyzer()
    {
        var analyzer = new QueryAnalyzer(ChineseAnalyzer.Shared);
        Assert.Same(ChineseAnalyzer.Shared, analyzer.TextAnalyzer);
        Assert.Equal(QuestionKind.Person, analyzer.Analyze("谁发明了电话").Kind);
    }

    private static string CharacterFolded(string text) => Wenjin.Text.Normalization.CharacterFolder.Shared.Fold(text);

    /// <summary>The words of the query: the first term at each position of the sequence.</summary>
    private static List<string> Words(AnalyzedQuery query)
    {
        var words = new List<string>();
        for (int i = 0; i < query.Sequence.Count; i++)
        {
            if (i == 0 || query.Sequence[i].Position != query.Sequence[i - 1].Position)
            {
                words.Add(query.Sequence[i].Term);
            }
        }

        return words;
    }
}
