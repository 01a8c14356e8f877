namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The value written after a label, as <see cref="LabelReader"/> found it: [Start, End) of the document's text (empty
/// when the label stands alone, e.g. a heading "主要功能：" followed by a list), <see cref="Line"/> the index of the line
/// the value ends on, and <see cref="Unit"/> the unit the label itself gives in brackets ("中标金额（万元）" → "万元"),
/// or "".
/// </summary>
internal sealed record LabelValue(int Start, int End, int Line, string Unit)
{
    public bool IsEmpty => End <= Start;
}
