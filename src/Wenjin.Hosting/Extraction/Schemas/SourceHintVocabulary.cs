namespace Wenjin.Hosting.Extraction;

/// <summary>
/// The closed vocabulary of <c>x-wenjin-source</c> hints. A field lists one or more hints, tried in order; the first that
/// yields a value fills the field. Shapes: "string", "url", "number", "date", "enum", "list of string",
/// "list of enum", "list of object"; the metric.* hints fill the properties of the objects of a <c>metrics</c> list.
/// </summary>
public static class SourceHintVocabulary
{
    /// <summary>Every hint, in the order documentation lists them.</summary>
    public static IReadOnlyList<SourceHintDefinition> All { get; } =
    [
        new("title", false, false, ["string"], "The document's title: its metadata title, else its first heading or first line."),
        new("link", false, false, ["url", "string"], "The document's URL: its metadata URL, else the URL on a 原文链接/来源 line, else the first URL in the text."),
        new("summary", false, false, ["string"], "Free text: an extractive summary, the top-ranked sentences (TextRank) in document order."),
        new("sentence-with", true, true, ["string"], "Free text: the best-ranked sentence holding one of the cue words (arguments), e.g. sentence-with:发布|上线|融资."),
        new("keywords", false, false, ["list of string"], "Terms of the document ranked by TF-IDF against the knowledge base."),
        new("taxonomy", true, true, ["enum", "list of enum", "string", "list of string"], "The categories of the taxonomy facet (the one argument) whose terms the document is about; the facet's category names become the enum."),
        new("label", true, true, ["string", "url", "number", "date", "enum"], "The value written after one of the labels (arguments) — \"项目名称：…\" or the cell after a table cell holding the label — to the end of the line or cell."),
        new("list-after", true, true, ["list of string"], "The items (split at 、，；) listed after one of the labels or cue words (arguments)."),
        new("organisation", true, false, ["string"], "An organisation name (…公司, …医院, …局, …中心, …大学 …): the one nearest after a cue word (arguments), else the first."),
        new("money", true, false, ["number"], "An amount of money after a cue word (arguments), converted to the field's unit (元 counts 万元 and 亿元); budgets, maximum prices and fees are not cues."),
        new("number", true, false, ["number"], "A number after a cue word (arguments), else the first number."),
        new("date", true, false, ["date"], "A date after a cue word (arguments), else the latest date, as YYYY-MM-DD; 2024年5月20日, 2024-05-20 and 二〇二四年五月二十日 are read."),
        new("province", false, false, ["string"], "The full name of the province-level division of the main organisation (from its name or address), else the one the text names most."),
        new("metrics", false, false, ["list of object"], "Outcome metrics as objects, from clauses such as \"提升 9.27%\", \"准确率达到 97.6%\" or \"由32分钟缩短至4分钟\"."),
        new("metric.name", false, false, ["string"], "Free text inside a metrics object: a short name of what was measured, taken from the clause."),
        new("metric.value", false, false, ["number"], "Inside a metrics object: the number the clause states (the new level for 由A降至B, X for 提升X%)."),
        new("metric.unit", false, false, ["string"], "Inside a metrics object: the unit as written (%, 个百分点, 万元, 分钟, 倍 …)."),
    ];

    /// <summary>The definition called <paramref name="name"/>, or null.</summary>
    public static SourceHintDefinition? Find(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    /// <summary>Hints whose text is validated by support rather than verbatim occurrence.</summary>
    public static bool IsFreeText(string name) => name is "summary" or "sentence-with" or "metric.name";

    /// <summary>The shape of <paramref name="field"/> in the vocabulary's words ("list of enum" …).</summary>
    public static string ShapeOf(SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Kind == FieldKind.List && field.Items is not null
            ? "list of " + ShapeOf(field.Items)
            : field.Kind switch
            {
                FieldKind.Integer => "number",
                _ => field.Kind.ToString().ToLowerInvariant(),
            };
    }
}
