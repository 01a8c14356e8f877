namespace Wenjin.Extraction;

/// <summary>The values of <see cref="StoredRecord.Method"/>. Exports carry them, so they never change.</summary>
public static class ExtractionMethods
{
    /// <summary>Without a model: the schema's <c>x-wenjin-source</c> hints (patterns, labels, taxonomy, TextRank, TF-IDF).</summary>
    public const string Rules = "rules";

    /// <summary>A chat model's structured output, validated against the schema and the document.</summary>
    public const string Model = "model";
}
