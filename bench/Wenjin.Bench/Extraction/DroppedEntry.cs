namespace Wenjin.Bench.Extraction;

/// <summary>A value the extractor dropped: the field (list items written as "关键词[2]" are counted for "关键词") and the reason.</summary>
internal sealed record DroppedEntry(string Field, string Reason)
{
    /// <summary>The field without an item index.</summary>
    public string FieldName
    {
        get
        {
            int bracket = Field.IndexOf('[', StringComparison.Ordinal);
            return bracket > 0 ? Field[..bracket] : Field;
        }
    }
}
