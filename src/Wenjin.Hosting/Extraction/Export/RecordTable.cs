using System.Globalization;
using System.Text.Json;
using Wenjin.Extraction;

namespace Wenjin.Hosting.Extraction.Export;

/// <summary>
/// Records of one schema as a table for spreadsheets: docId, sourceId and title, one column per schema field (in
/// schema order), then how the record was extracted and which required fields are missing. A list becomes its items
/// joined by "；"; an object (a metric) its property values joined by spaces ("识别准确率 97.6 %"). Number and date
/// cells keep their kind, so a spreadsheet can sum and sort them.
/// </summary>
public sealed record RecordTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<RecordCell>> Rows)
{
    public const string ListSeparator = "；";

    public static RecordTable Build(SchemaDescription schema, IReadOnlyList<StoredRecord> records)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(records);
        List<string> columns = ["docId", "sourceId", "title", .. schema.Fields.Select(f => f.Name), "method", "missing"];
        var rows = new List<IReadOnlyList<RecordCell>>(records.Count);
        foreach (var stored in records)
        {
            var record = stored.Record;
            var row = new List<RecordCell>(columns.Count)
            {
                RecordCell.Text(record.DocId),
                RecordCell.Text(record.SourceId),
                RecordCell.Text(stored.Title ?? string.Empty),
            };
            foreach (var field in schema.Fields)
            {
                row.Add(record.Fields.TryGetValue(field.Name, out var value) ? Cell(value.Value) : RecordCell.Text(string.Empty));
            }

            row.Add(RecordCell.Text(stored.Method));
            row.Add(RecordCell.Text(string.Join(ListSeparator, record.Missing)));
            rows.Add(row);
        }

        return new RecordTable(columns, rows);
    }

    private static RecordCell Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => RecordCell.Number(value.GetDecimal()),
        JsonValueKind.Array => RecordCell.Text(string.Join(ListSeparator, value.EnumerateArray().Select(Text))),
        _ => RecordCell.Text(Text(value)),
    };

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Object => string.Join(' ', value.EnumerateObject().Select(p => Text(p.Value))),
        JsonValueKind.Array => string.Join(ListSeparator, value.EnumerateArray().Select(Text)),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => string.Empty,
    };
}
