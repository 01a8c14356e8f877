using System.Collections.Frozen;
using Wenjin.Analysis;
using Wenjin.Text.Analysis;

namespace Wenjin.Text.Extraction;

/// <summary>
/// The content words of a text for keyword extraction and sentence similarity: the analyzer's primary words (one per
/// position; the sub-words it adds for recall are skipped), without stop words, single characters, numbers (with or
/// without a unit) and Latin words shorter than two letters. Terms are the analyzer's (folded, stemmed); spans are
/// offsets into the analyzed text.
/// </summary>
internal static class ContentTerms
{
    // Function and filler words that the analyzer keeps but that never make a keyword.
    private static readonly FrozenSet<string> ChineseStopWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "我们", "你们", "他们", "她们", "它们", "我国", "自己", "大家", "这个", "那个", "这些", "那些", "这样", "那样", "这种", "那种",
        "这里", "那里", "这是", "那是", "一个", "一些", "一种", "一样", "一直", "一定", "一起", "一般", "一方面", "另一方面", "没有", "什么",
        "怎么", "为什么", "如何", "因为", "所以", "因此", "但是", "可是", "然而", "而且", "并且", "或者", "以及", "如果", "虽然", "即使",
        "只要", "只有", "除了", "已经", "正在", "曾经", "还是", "就是", "也是", "都是", "不是", "可以", "可能", "能够", "应该", "需要",
        "必须", "进行", "通过", "根据", "按照", "对于", "关于", "由于", "其中", "其他", "其它", "另外", "此外", "同时", "目前", "现在",
        "当前", "今年", "去年", "明年", "以后", "之后", "以前", "之前", "以上", "以下", "之间", "方面", "问题", "情况", "工作", "相关",
        "主要", "重要", "有关", "包括", "提供", "实现", "开展", "推进", "加强", "进一步", "不断", "持续", "有效", "积极", "充分", "各类",
        "各种", "所有", "全部", "部分", "很多", "许多", "大量", "更加", "非常", "十分", "比较", "较为", "特别", "尤其", "其实", "例如",
        "比如", "等等", "还有", "如下", "下列", "上述", "本文", "本次", "此次", "今天", "昨天", "明天", "近日", "日前", "表示",
        "认为", "指出", "介绍", "来说", "而言", "方式", "方法", "成为", "作为", "达到", "提升", "提高", "降低", "增加",
        "减少", "缩短", "增长", "下降", "上升", "节省", "节约", "覆盖", "低于", "高于", "不低于", "不高于", "不超过", "同比", "环比",
        "分别", "超过", "左右", "以来", "期间", "时候", "时间", "过程", "结果", "使用", "利用", "采用", "具有", "拥有",
        "发现", "显示", "看到", "知道", "某市", "某地", "某行", "该行", "本行", "我行", "该院", "该校", "该所", "该局", "记者", "报道", "消息", "来源", "链接", "点击", "编辑", "责任编辑");

    private static readonly FrozenSet<string> EnglishStopWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "we", "our", "us", "it", "its", "has", "have", "had", "not", "no", "but", "can", "will", "would", "should", "could",
        "which", "who", "what", "when", "where", "how", "why", "also", "their", "they", "them", "there", "here", "more",
        "most", "such", "than", "then", "into", "about", "over", "only", "other", "may", "all", "any", "each", "some",
        "one", "two", "so", "if", "do", "does", "did", "up", "out", "he", "she", "his", "her", "you", "your", "my",
        "via", "per", "new", "use", "used", "using", "very", "just", "both", "between", "after", "before", "while",
        "http", "https", "www", "com", "cn", "html", "htm");

    [ThreadStatic]
    private static List<AnalyzedToken>? t_tokens;

    /// <summary>Appends the content words of <paramref name="text"/>[start, end) with spans relative to <paramref name="text"/>.</summary>
    public static void Collect(string text, int start, int end, List<AnalyzedToken> terms, bool keepNumbers = false)
    {
        List<AnalyzedToken> tokens = t_tokens ??= new List<AnalyzedToken>(256);
        tokens.Clear();
        ChineseAnalyzer.Shared.Analyze(text.AsSpan(start, end - start), tokens);
        int lastPosition = -1;
        foreach (AnalyzedToken token in tokens)
        {
            if (token.Position == lastPosition)
            {
                continue;
            }

            lastPosition = token.Position;
            if (IsContent(token.Term, keepNumbers))
            {
                terms.Add(token with { Start = token.Start + start, End = token.End + start });
            }
        }
    }

    /// <summary>Whether a term (as the analyzer emits it) can be a keyword.</summary>
    public static bool IsContent(string term, bool keepNumbers = false)
    {
        if (term.Length < 2)
        {
            return false;
        }

        if (char.IsAsciiDigit(term[0]))
        {
            // Numbers, with or without units (2023年, 92%, 1000万元), are not keywords; 5g and 3d are.
            bool hasLetter = false;
            foreach (char c in term)
            {
                hasLetter |= char.IsAsciiLetter(c);
            }

            return hasLetter || keepNumbers;
        }

        return JoinedText.IsCjk(term[0]) ? !ChineseStopWords.Contains(term) : !EnglishStopWords.Contains(term);
    }

    /// <summary>Whether the term is written in CJK characters (compounds are only formed from those).</summary>
    public static bool IsCjkTerm(string term) => term.Length > 0 && JoinedText.IsCjk(term[0]) && JoinedText.IsCjk(term[^1]);
}
