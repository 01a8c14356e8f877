namespace Wenjin.Text.Extraction;

/// <summary>
/// The words that may follow a number: currencies, measure words and units (CJK and a few Latin ones, matched whole and
/// case-insensitively), and the multipliers 百 千 万 亿. Lists are ordered longest first so that 个百分点 wins over 个.
/// </summary>
internal static class QuantityUnits
{
    private static readonly (string Word, string Currency)[] Currencies =
    [
        ("人民币", "CNY"), ("美元", "USD"), ("港元", "HKD"), ("港币", "HKD"), ("欧元", "EUR"), ("日元", "JPY"), ("英镑", "GBP"), ("元", "CNY"),
    ];

    // 月, 日, 号 are left out on purpose: after a number they are date parts, not units. 时 and 点 are clock times.
    private static readonly string[] CjkUnits = SortedLongestFirst(
    [
        "个百分点", "百分点", "平方公里", "平方千米", "平方米", "立方米", "千瓦时", "人次", "户次", "架次", "车次", "小时", "分钟", "秒钟",
        "毫秒", "微秒", "个月", "季度", "周年", "年代", "公里", "千米", "厘米", "毫米", "公斤", "千克", "公顷", "千瓦", "兆瓦", "吉瓦",
        "年", "周", "天", "分", "秒", "倍", "个", "家", "人", "名", "位", "次", "项", "件", "台", "套", "座", "所", "条", "篇", "张",
        "页", "辆", "架", "艘", "部", "本", "户", "例", "份", "款", "种", "类", "批", "轮", "期", "届", "岁", "吨", "米", "亩",
        "笔", "单", "场", "颗", "枚", "只", "卡", "度", "帧", "层", "级", "通",
    ]);

    private static readonly string[] LatinUnits = SortedLongestFirst(
    [
        "TFLOPS", "PFLOPS", "EFLOPS", "FLOPS", "TOPS", "QPS", "TPS", "FPS", "kWh", "MWh", "GHz", "MHz", "kW", "MW", "GW",
        "TB", "GB", "MB", "KB", "PB", "EB", "ms", "km", "kg",
    ]);

    /// <summary>Words that start with 元 but are not money ("100元宇宙" is not an amount).</summary>
    private static readonly string[] NotMoney = ["元宇宙", "元数据", "元素", "元旦", "元年"];

    /// <summary>The value of a multiplier character (百 千 万 亿), or 0.</summary>
    public static decimal Multiplier(char c) => c switch
    {
        '百' => 100m,
        '千' => 1000m,
        '万' or '萬' => 10_000m,
        '亿' or '億' => 100_000_000m,
        _ => 0m,
    };

    /// <summary>A currency word at <paramref name="at"/> ("元", "美元", "人民币" …): the word as written and its ISO code.</summary>
    public static bool TryMatchCurrency(string text, int at, out string word, out string currency)
    {
        foreach ((string w, string code) in Currencies)
        {
            if (string.CompareOrdinal(text, at, w, 0, w.Length) == 0)
            {
                if (w == "元" && IsNotMoney(text, at))
                {
                    break;
                }

                word = w;
                currency = code;
                return true;
            }
        }

        word = "";
        currency = "";
        return false;
    }

    /// <summary>A measure word or unit at <paramref name="at"/>, in its canonical spelling (Latin units in their usual case).</summary>
    public static bool TryMatchUnit(string text, int at, out string unit, out int end)
    {
        foreach (string u in CjkUnits)
        {
            if (string.CompareOrdinal(text, at, u, 0, u.Length) == 0)
            {
                unit = u;
                end = at + u.Length;
                return true;
            }
        }

        foreach (string u in LatinUnits)
        {
            if (at + u.Length <= text.Length
                && text.AsSpan(at, u.Length).Equals(u, StringComparison.OrdinalIgnoreCase)
                && (at + u.Length == text.Length || !char.IsLetterOrDigit(text[at + u.Length])))
            {
                unit = u;
                end = at + u.Length;
                return true;
            }
        }

        unit = "";
        end = at;
        return false;
    }

    private static bool IsNotMoney(string text, int at)
    {
        foreach (string word in NotMoney)
        {
            if (string.CompareOrdinal(text, at, word, 0, word.Length) == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] SortedLongestFirst(string[] words) =>
        [.. words.Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal)];
}
