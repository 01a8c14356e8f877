namespace Wenjin.Bench.Extraction;

/// <summary>The schemas of the evaluation set and how each of their fields is scored, in the README's order.</summary>
internal static class ExtractionFieldCatalog
{
    private static readonly Dictionary<string, EvaluatedField[]> FieldsBySchema = new(StringComparer.Ordinal)
    {
        ["news-brief"] =
        [
            new("标题", ScoringRule.ExactString),
            new("链接", ScoringRule.ExactString),
            new("总结", ScoringRule.FreeText),
            new("关键词", ScoringRule.LenientList),
            new("AI技术", ScoringRule.Category, "AI技术"),
            new("行业", ScoringRule.Category, "行业"),
            new("重大事件摘要", ScoringRule.FreeText),
        ],
        ["application-case"] =
        [
            new("案例名称", ScoringRule.ExactString),
            new("供给方", ScoringRule.ExactString),
            new("需求方", ScoringRule.ExactString),
            new("领域", ScoringRule.Category, "行业"),
            new("应用类型", ScoringRule.Category, "应用类型"),
            new("功能", ScoringRule.LenientList),
            new("成果指标", ScoringRule.Metrics),
        ],
        ["bid-award"] =
        [
            new("项目名称", ScoringRule.ExactString),
            new("采购人", ScoringRule.ExactString),
            new("中标单位", ScoringRule.ExactString),
            new("中标金额", ScoringRule.Amount),
            new("省份", ScoringRule.ExactString),
            new("公告日期", ScoringRule.Date),
        ],
    };

    /// <summary>The schema names, in the README's order.</summary>
    public static IReadOnlyList<string> Schemas { get; } = ["news-brief", "application-case", "bid-award"];

    public static bool IsKnown(string schema) => FieldsBySchema.ContainsKey(schema);

    public static IReadOnlyList<EvaluatedField> FieldsOf(string schema) =>
        FieldsBySchema.TryGetValue(schema, out EvaluatedField[]? fields) ? fields : throw new ArgumentException($"Unknown schema '{schema}'.", nameof(schema));
}
