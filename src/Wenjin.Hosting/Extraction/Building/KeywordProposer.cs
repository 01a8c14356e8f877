using System.Text.Json.Nodes;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The keywords hint: the document's TF-IDF keywords (<see cref="KeywordExtractor"/>, idf from the knowledge base's
/// statistics when given), at most <see cref="MaxKeywords"/>, each as written in the document. A keyword that is part
/// of a better one, or holds one (智能 and 智能客服), is left out, and so are words too generic to say what a document
/// is about (公司, 系统, 平台, 上线 …) and link or byline words (原文, 日报).
/// </summary>
internal static class KeywordProposer
{
    public const int MaxKeywords = 5;

    private const int Candidates = 20;

    private static readonly KeywordExtractor Extractor = new();

    private static readonly HashSet<string> Generic = new(
        ["公司", "企业", "项目", "系统", "平台", "服务", "用户", "客户", "单位", "部门", "能力", "技术", "数据", "业务", "行业", "领域", "应用",
         "发展", "建设", "管理", "工作人员", "人员", "效率", "水平", "产品", "功能", "场景", "模式", "方案", "全国", "中国", "我国", "市场",
         "时间", "分钟", "小时", "万元", "亿元", "一年", "负责人", "有限公司", "股份", "上线", "发布", "推出", "宣布", "完成", "启动", "部署",
         "原文", "日报", "新闻网", "记者"],
        StringComparer.Ordinal);

    public static JsonNode? Propose(DocumentReading reading)
    {
        var statistics = reading.Statistics is { DocumentCount: > 0 } s ? s : null;
        var keywords = Extractor.Extract(reading.Text, Candidates, statistics?.DocumentFrequency, statistics?.DocumentCount ?? 0);
        var chosen = new List<string>();
        foreach (var keyword in keywords)
        {
            string text = keyword.Text.Trim();
            if (text.Length < 2 || Generic.Contains(text)
                || chosen.Any(c => c.Contains(text, StringComparison.OrdinalIgnoreCase) || text.Contains(c, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            chosen.Add(text);
            if (chosen.Count == MaxKeywords)
            {
                break;
            }
        }

        return chosen.Count == 0 ? null : new JsonArray([.. chosen.Select(k => (JsonNode)JsonValue.Create(k))]);
    }
}
