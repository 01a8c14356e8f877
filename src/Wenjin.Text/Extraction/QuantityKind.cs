namespace Wenjin.Text.Extraction;

/// <summary>What a scanned quantity is.</summary>
internal enum QuantityKind
{
    Number,
    Percentage,
    Money,
    Date,
}
