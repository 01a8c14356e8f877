using Wenjin.Analysis;

namespace Wenjin.Text.Analysis;

/// <summary>
/// The words that make a question a question, in folded form (Simplified, lower case), as the analyzer segments them.
/// Matching whole segmented words, never substrings, is what keeps 几乎, 哪吒 and 多少钱 apart from 几, 哪 and 多少.
/// </summary>
internal static class QuestionVocabulary
{
    /// <summary>Question words: removed from the query; each says what kind of answer is asked for.</summary>
    public static readonly Dictionary<string, QuestionKind> QuestionWords = new(StringComparer.Ordinal)
    {
        ["多少"] = QuestionKind.Quantity, ["几"] = QuestionKind.Quantity, ["多大"] = QuestionKind.Quantity,
        ["多高"] = QuestionKind.Quantity, ["多长"] = QuestionKind.Quantity, ["多远"] = QuestionKind.Quantity,
        ["多重"] = QuestionKind.Quantity, ["多久"] = QuestionKind.Quantity, ["多少钱"] = QuestionKind.Quantity,
        ["多少次"] = QuestionKind.Quantity, ["多少年"] = QuestionKind.Quantity, ["多少人"] = QuestionKind.Quantity,
        ["多少个"] = QuestionKind.Quantity, ["多少岁"] = QuestionKind.Quantity, ["几个"] = QuestionKind.Quantity,
        ["几家"] = QuestionKind.Quantity, ["几次"] = QuestionKind.Quantity, ["几种"] = QuestionKind.Quantity,
        ["几位"] = QuestionKind.Quantity, ["几年"] = QuestionKind.Quantity, ["几天"] = QuestionKind.Quantity,
        ["几项"] = QuestionKind.Quantity, ["几倍"] = QuestionKind.Quantity, ["几岁"] = QuestionKind.Quantity,
        ["谁"] = QuestionKind.Person, ["哪位"] = QuestionKind.Person, ["何人"] = QuestionKind.Person, ["是谁"] = QuestionKind.Person,
        ["哪家"] = QuestionKind.Organization, ["哪一家"] = QuestionKind.Organization,
        ["何时"] = QuestionKind.Time, ["哪年"] = QuestionKind.Time, ["哪一年"] = QuestionKind.Time,
        ["什么时候"] = QuestionKind.Time, ["什么时间"] = QuestionKind.Time, ["几月"] = QuestionKind.Time,
        ["几号"] = QuestionKind.Time, ["几点"] = QuestionKind.Time, ["几时"] = QuestionKind.Time,
        ["哪天"] = QuestionKind.Time, ["哪一天"] = QuestionKind.Time, ["哪月"] = QuestionKind.Time, ["何年"] = QuestionKind.Time,
        ["哪里"] = QuestionKind.Place, ["哪儿"] = QuestionKind.Place, ["在哪"] = QuestionKind.Place,
        ["在哪里"] = QuestionKind.Place, ["在哪儿"] = QuestionKind.Place, ["何处"] = QuestionKind.Place,
        ["何地"] = QuestionKind.Place,
        ["哪些"] = QuestionKind.List, ["有哪些"] = QuestionKind.List,
        ["为什么"] = QuestionKind.Reason, ["为何"] = QuestionKind.Reason, ["何故"] = QuestionKind.Reason,
        ["怎么"] = QuestionKind.Method, ["如何"] = QuestionKind.Method, ["怎样"] = QuestionKind.Method,
        ["怎么样"] = QuestionKind.Method, ["怎么办"] = QuestionKind.Method, ["咋样"] = QuestionKind.Method,
        ["是否"] = QuestionKind.YesNo, ["是不是"] = QuestionKind.YesNo, ["有没有"] = QuestionKind.YesNo,
        ["能否"] = QuestionKind.YesNo, ["能不能"] = QuestionKind.YesNo, ["会不会"] = QuestionKind.YesNo,
        ["可不可以"] = QuestionKind.YesNo, ["对不对"] = QuestionKind.YesNo, ["吗"] = QuestionKind.YesNo,
        ["什么"] = QuestionKind.Definition, ["什么是"] = QuestionKind.Definition, ["是什么"] = QuestionKind.Definition,
        ["指什么"] = QuestionKind.Definition, ["啥"] = QuestionKind.Definition, ["何为"] = QuestionKind.Definition,
        ["何谓"] = QuestionKind.Definition, ["哪个"] = QuestionKind.Definition, ["哪一个"] = QuestionKind.Definition,
        ["哪"] = QuestionKind.Other, ["多"] = QuestionKind.Other,
        ["who"] = QuestionKind.Person, ["whom"] = QuestionKind.Person, ["whose"] = QuestionKind.Person,
        ["when"] = QuestionKind.Time, ["where"] = QuestionKind.Place, ["why"] = QuestionKind.Reason,
        ["how"] = QuestionKind.Method, ["what"] = QuestionKind.Definition, ["which"] = QuestionKind.Definition,
    };

    /// <summary>Politeness and filler words: removed from the query, no kind of their own.</summary>
    public static readonly HashSet<string> Fillers = new(
        [
            "请问", "请", "告诉", "我", "我们", "你", "您", "一下", "想", "想要", "知道", "可以", "能", "帮", "帮忙", "麻烦", "问",
            "please", "tell", "me", "you", "i", "do", "does", "did", "can", "could", "would", "should", "will", "about", "there",
        ],
        StringComparer.Ordinal);

    /// <summary>Sentence-final particles: the analyzer drops them, but 吗 still marks a yes/no question.</summary>
    public static readonly string Particles = "吗呢吧啊呀么";

    /// <summary>Words that, right after 哪个 / 什么 / 哪 / which / what, decide the kind of answer.</summary>
    public static readonly Dictionary<string, QuestionKind> KindNouns = new(StringComparer.Ordinal)
    {
        ["公司"] = QuestionKind.Organization, ["机构"] = QuestionKind.Organization, ["企业"] = QuestionKind.Organization,
        ["单位"] = QuestionKind.Organization, ["银行"] = QuestionKind.Organization, ["组织"] = QuestionKind.Organization,
        ["部门"] = QuestionKind.Organization, ["厂商"] = QuestionKind.Organization, ["集团"] = QuestionKind.Organization,
        ["大学"] = QuestionKind.Organization, ["学校"] = QuestionKind.Organization, ["医院"] = QuestionKind.Organization,
        ["品牌"] = QuestionKind.Organization, ["团队"] = QuestionKind.Organization,
        ["company"] = QuestionKind.Organization, ["organization"] = QuestionKind.Organization, ["firm"] = QuestionKind.Organization,
        ["城市"] = QuestionKind.Place, ["国家"] = QuestionKind.Place, ["省"] = QuestionKind.Place, ["省份"] = QuestionKind.Place,
        ["地方"] = QuestionKind.Place, ["地区"] = QuestionKind.Place, ["地点"] = QuestionKind.Place, ["位置"] = QuestionKind.Place,
        ["区域"] = QuestionKind.Place, ["市"] = QuestionKind.Place, ["县"] = QuestionKind.Place, ["里"] = QuestionKind.Place,
        ["儿"] = QuestionKind.Place, ["country"] = QuestionKind.Place, ["city"] = QuestionKind.Place, ["place"] = QuestionKind.Place,
        ["时候"] = QuestionKind.Time, ["时间"] = QuestionKind.Time, ["年"] = QuestionKind.Time, ["月"] = QuestionKind.Time,
        ["天"] = QuestionKind.Time, ["日期"] = QuestionKind.Time, ["年份"] = QuestionKind.Time, ["时期"] = QuestionKind.Time,
        ["year"] = QuestionKind.Time, ["time"] = QuestionKind.Time, ["date"] = QuestionKind.Time, ["day"] = QuestionKind.Time,
        ["人"] = QuestionKind.Person, ["人物"] = QuestionKind.Person, ["专家"] = QuestionKind.Person, ["作者"] = QuestionKind.Person,
        ["person"] = QuestionKind.Person,
    };

    /// <summary>Question words that take a kind noun after them (哪个公司, 什么时候, which city).</summary>
    public static readonly HashSet<string> Determiners = new(["哪个", "哪一个", "什么", "哪", "哪一", "which", "what"], StringComparer.Ordinal);

    /// <summary>Kind nouns that carry no content once they have served as the question's kind (时候 in 什么 时候).</summary>
    public static readonly HashSet<string> EmptyKindNouns = new(["时候", "时间", "里", "儿", "年", "月", "天", "time", "year", "day"], StringComparer.Ordinal);

    /// <summary>Units right after 多少 / 几 (多少 亿元, 几 个): part of the asked-for number, never in the answer's terms.</summary>
    public static readonly HashSet<string> QuantityUnits = new(
        [
            "年", "月", "天", "人", "个", "次", "元", "亿", "万", "千", "百", "亿元", "万元", "美元", "倍", "岁", "家", "种", "位", "项",
            "名", "辆", "台", "件", "吨", "米", "公里", "平方米", "小时", "分钟", "百分点", "个百分点",
        ],
        StringComparer.Ordinal);

    /// <summary>Adjectives that turn 多 into "how" (多 高 → how tall): a quantity.</summary>
    public static readonly HashSet<string> MeasureAdjectives = new(["大", "高", "长", "远", "重", "久", "宽", "深", "快", "少"], StringComparer.Ordinal);

    /// <summary>English words after "how" that ask for a quantity (how many, how much, how long).</summary>
    public static readonly HashSet<string> HowQuantities = new(["many", "much", "long", "far", "big", "old", "large", "tall"], StringComparer.Ordinal);

    /// <summary>English auxiliaries that open a yes/no question.</summary>
    public static readonly HashSet<string> YesNoOpeners = new(["is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should", "has", "have"], StringComparer.Ordinal);

    /// <summary>When several question words appear, the most specific kind wins: earlier in this list.</summary>
    public static readonly QuestionKind[] Precedence =
    [
        QuestionKind.Time, QuestionKind.Place, QuestionKind.Person, QuestionKind.Organization, QuestionKind.Quantity,
        QuestionKind.Reason, QuestionKind.Method, QuestionKind.List, QuestionKind.Definition, QuestionKind.YesNo,
    ];
}
