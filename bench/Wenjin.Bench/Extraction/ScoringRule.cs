namespace Wenjin.Bench.Extraction;

/// <summary>How a field of the evaluation set is scored (bench/data/extraction/README.md, "Scoring rules").</summary>
internal enum ScoringRule
{
    /// <summary>One verbatim string, correct when it equals the gold value or an <c>_alt</c> after normalisation.</summary>
    ExactString,

    /// <summary>中标金额: a number in 元, correct within ±0.5 元.</summary>
    Amount,

    /// <summary>公告日期: correct when it is the gold <c>YYYY-MM-DD</c>.</summary>
    Date,

    /// <summary>Taxonomy category names: set precision/recall per document, <c>_optional</c> names ignored.</summary>
    Category,

    /// <summary>关键词 / 功能: one-to-one containment matching of normalised items.</summary>
    LenientList,

    /// <summary>成果指标: one-to-one matching on value (with unit conversion), unit and name.</summary>
    Metrics,

    /// <summary>总结 / 重大事件摘要: the share of <c>_support</c> sentences covered (automatic proxy).</summary>
    FreeText,
}
