namespace Wenjin.Bench.Extraction;

/// <summary>
/// One schema's scores: each field, the macro average over the fields that are not free text (precision over the
/// fields where something was predicted), the macro F1 with the free-text support proxy counted as those fields' F1
/// (null when the schema has no free text), the evidence totals, dropped values (by reason), missing required fields,
/// the values that earned credit with an invalid quote, and the gold documents no record was found for.
/// </summary>
internal sealed record SchemaReport(
    string Schema,
    int Documents,
    int Records,
    IReadOnlyList<FieldReport> Fields,
    double? MacroPrecision,
    double MacroRecall,
    double MacroF1,
    double? MacroF1WithFreeTextProxy,
    int Quotes,
    int ValidQuotes,
    double? ValidQuoteShare,
    int Dropped,
    IReadOnlyDictionary<string, int> DroppedByReason,
    int Missing,
    IReadOnlyList<string> CreditedWithInvalidQuote,
    IReadOnlyList<string> DocumentsWithoutRecord);
