namespace Wenjin.Bench.Extraction;

/// <summary>
/// The scores of one field over a schema's documents. <see cref="Precision"/>, <see cref="Recall"/> and <see cref="F1"/>
/// are null for a free-text field, whose score is <see cref="Support"/> (automatic proxy). Precision is null when it is
/// defined for no document; <see cref="PrecisionDocuments"/> says over how many documents it is averaged. Evidence:
/// the quotes of predicted values, how many occur in the document, values predicted without any quote, and values
/// that earned credit although one of their quotes is invalid.
/// </summary>
internal sealed record FieldReport(
    string Field,
    string Rule,
    double? Precision,
    double? Recall,
    double? F1,
    double? Support,
    int Documents,
    int PrecisionDocuments,
    int Predicted,
    int Quotes,
    int ValidQuotes,
    int WithoutQuote,
    int CreditedWithInvalidQuote,
    int Unfaithful,
    int Dropped,
    int Missing);
