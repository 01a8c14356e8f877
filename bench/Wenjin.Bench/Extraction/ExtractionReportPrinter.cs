using System.Globalization;
using System.Text;
using Wenjin.Bench.Reporting;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// Renders an <see cref="ExtractionReport"/>: one Markdown table per schema (per field P, R, F1, documents predicted,
/// valid quotes, values without a quote, dropped values, missing required fields; the macro rows), then that schema's
/// evidence, dropped/missing and free-text notes.
/// </summary>
internal static class ExtractionReportPrinter
{
    public static string Render(ExtractionReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Structured extraction — records from {report.Source}; model: {report.Model ?? "none (model-free extractor)"}");
        foreach (SchemaReport schema in report.Schemas)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"## {schema.Schema} ({schema.Documents} documents, {schema.Records} records)");
            text.AppendLine();
            var table = new MarkdownTable("field", "rule", "P", "R", "F1", "predicted", "quotes valid", "no quote", "dropped", "missing");
            foreach (FieldReport field in schema.Fields)
            {
                table.AddRow(
                    field.Field,
                    field.Rule,
                    Number(field.Precision),
                    Number(field.Recall),
                    Number(field.Support ?? field.F1),
                    $"{field.Predicted}/{schema.Documents}",
                    field.Quotes > 0 ? $"{field.ValidQuotes}/{field.Quotes}" : "-",
                    Count(field.WithoutQuote),
                    Count(field.Dropped),
                    Count(field.Missing));
            }

            table.AddRow("macro (without free text)", "", Number(schema.MacroPrecision), Number(schema.MacroRecall), Number(schema.MacroF1), "", "", "", "", "");
            if (schema.MacroF1WithFreeTextProxy is { } withFreeText)
            {
                table.AddRow("macro (free text by proxy)", "", "", "", Number(withFreeText), "", "", "", "", "");
            }

            text.Append(table);
            AppendNotes(text, schema);
        }

        if (report.IgnoredRecords.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{report.IgnoredRecords.Count} record(s) not scored:");
            foreach (string ignored in report.IgnoredRecords)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {ignored}");
            }
        }

        text.AppendLine();
        text.AppendLine("Exact, amount and date fields: P = correct / predicted documents, R = correct / gold documents (accuracy), F1 = their harmonic mean.");
        text.AppendLine("Category, list and metric fields: P, R and F1 per document, averaged; P only over the documents where it is defined");
        text.AppendLine("(a counted prediction, or empty gold and an empty prediction, which scores 1: ac06's 成果指标).");
        text.AppendLine(CultureInfo.InvariantCulture, $"Free text: the F1 column is {report.FreeTextScoring}.");
        return text.ToString();
    }

    private static void AppendNotes(StringBuilder text, SchemaReport schema)
    {
        text.AppendLine();
        int withoutQuote = schema.Fields.Sum(field => field.WithoutQuote);
        string share = schema.ValidQuoteShare is { } value ? value.ToString("P1", CultureInfo.InvariantCulture) : "-";
        text.AppendLine(CultureInfo.InvariantCulture, $"evidence: {schema.ValidQuotes}/{schema.Quotes} quotes valid ({share}); {withoutQuote} value(s) without a quote; {schema.CreditedWithInvalidQuote.Count} credited value(s) with an invalid quote");
        foreach (string flagged in schema.CreditedWithInvalidQuote)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  flagged: {flagged}");
        }

        string reasons = schema.DroppedByReason.Count > 0
            ? " (" + string.Join(", ", schema.DroppedByReason.Select(pair => $"{pair.Key} {pair.Value}")) + ")"
            : "";
        text.AppendLine(CultureInfo.InvariantCulture, $"dropped: {schema.Dropped} value(s){reasons}; missing required fields: {schema.Missing}");
        foreach (FieldReport field in schema.Fields.Where(field => field.Unfaithful > 0))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{field.Field}: {field.Unfaithful} text(s) write a number the document does not contain (scored 0)");
        }

        if (schema.DocumentsWithoutRecord.Count > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"no record for {schema.DocumentsWithoutRecord.Count} document(s), scored 0: {string.Join(", ", schema.DocumentsWithoutRecord)}");
        }
    }

    private static string Number(double? value) => value is { } number ? number.ToString("0.000", CultureInfo.InvariantCulture) : "-";

    private static string Count(int value) => value > 0 ? value.ToString(CultureInfo.InvariantCulture) : "";
}
