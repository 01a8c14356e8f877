using System.Text.RegularExpressions;
using Wenjin.Analysis;

namespace Wenjin.Hosting.Answering;

/// <summary>
/// Tells whether a sentence contains the kind of thing a question asks for: a number with a unit for 多少/几, a date
/// for 何时/哪年, an organisation name for 哪家, a reason for 为什么, and so on. Patterns only, no model.
/// </summary>
public static partial class AnswerTypeMatcher
{
    /// <summary>1 when the sentence clearly has the asked-for kind, 0.5 when it may, 0 when it has not.</summary>
    public static double Match(QuestionKind kind, string sentence) => kind switch
    {
        QuestionKind.Quantity => QuantityPattern().IsMatch(sentence) ? 1 : 0,
        QuestionKind.Time => TimePattern().IsMatch(sentence) ? 1 : 0,
        QuestionKind.Organization => OrganizationPattern().IsMatch(sentence) ? 1 : 0.5,
        QuestionKind.Person => PersonPattern().IsMatch(sentence) ? 1 : 0.5,
        QuestionKind.Place => PlacePattern().IsMatch(sentence) ? 1 : 0.5,
        QuestionKind.Reason => ReasonPattern().IsMatch(sentence) ? 1 : 0.5,
        QuestionKind.Method => MethodPattern().IsMatch(sentence) ? 1 : 0.5,
        QuestionKind.List => ListPattern().IsMatch(sentence) ? 1 : 0.5,
        QuestionKind.Definition => DefinitionPattern().IsMatch(sentence) ? 1 : 0.5,
        _ => 0.5,
    };

    /// <summary>True when a question of this kind cannot be answered by a sentence lacking the pattern (a number, a date).</summary>
    public static bool IsStrict(QuestionKind kind) => kind is QuestionKind.Quantity or QuestionKind.Time;

    [GeneratedRegex(@"[0-9０-９]|[零〇一二两三四五六七八九十百千万亿]+\s*(?:个|名|人|位|家|所|座|项|种|次|倍|岁|年|元|美元|万|亿|米|公里|千米|吨|公斤|千克|平方|%|％|成|届|台|辆|架|艘|部|本|篇|条|层|批|轮|分|秒|小时|天|周|月|世纪)|[半数]+\s*(?:个|名|人|倍)|many|much|several|dozen", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityPattern();

    [GeneratedRegex(@"[0-9０-９]{1,4}\s*(?:年|月|日|号|世纪|年代)|[零〇一二三四五六七八九十百千]+\s*(?:年|月|日|世纪|年代)|(?:19|20)[0-9]{2}|[春夏秋冬][季天]|朝|时期|期间|时代|年间|当时|之前|之后|以前|以后|初|末|上午|下午|凌晨|晚上|[0-9]{1,2}[:：][0-9]{2}|公元|January|February|March|April|May|June|July|August|September|October|November|December", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    // Suffixes of two or more characters only: one-character ones (部, 局, 社, 队 …) also end common words (部分, 社会, 队伍).
    [GeneratedRegex(@"公司|集团|银行|大学|学院|学校|研究院|研究所|研究中心|实验室|协会|学会|委员会|政府|[^\s，。、]{1,6}(?:部门|总局|分局|管理局|财政部|外交部|国防部|工业部|商务部|出版社|通讯社|报社|合作社|工厂|制造厂)|办公室|医院|组织|联盟|基金会|交易所|法院|检察院|机构|企业|Inc\b|Ltd\b|Corp|Company|University|Bank|Group", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrganizationPattern();

    [GeneratedRegex(@"先生|女士|教授|博士|院士|主席|总统|总理|部长|局长|院长|校长|董事长|总裁|经理|主任|书记|市长|省长|国王|皇帝|将军|作者|创始人|发明|提出|担任|出生|[A-Z][a-z]+\s[A-Z][a-z]+", RegexOptions.CultureInvariant)]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"省|市|县|区|镇|乡|村|国|州|岛|山|河|江|湖|海|洋|路|街|城|港|湾|半岛|大陆|地区|位于|坐落", RegexOptions.CultureInvariant)]
    private static partial Regex PlacePattern();

    [GeneratedRegex(@"因为|由于|原因|所以|因此|因而|导致|为了|旨在|以便|是因|在于|because|due to|since|so that", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReasonPattern();

    [GeneratedRegex(@"通过|采用|利用|使用|方法|方式|步骤|首先|然后|可以|应当|需要|办理|by |using ", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MethodPattern();

    [GeneratedRegex(@"、|；|;|包括|包含|分别|以及|和|及|等|：", RegexOptions.CultureInvariant)]
    private static partial Regex ListPattern();

    [GeneratedRegex(@"是|指|称为|被称|定义|即|means|refers|is a", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefinitionPattern();
}
