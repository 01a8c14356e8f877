using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Wenjin.Hosting.Extraction.Export;

/// <summary>
/// Writes a <see cref="RecordTable"/> as an Excel workbook (.xlsx, one sheet named after the schema): a header row
/// frozen at the top, text as inline strings (never formulas), numbers as numbers.
/// </summary>
public static class RecordXlsxWriter
{
    public static void Write(RecordTable table, string sheetName, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sheetName);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, table.Columns.Select(c => new RecordCell(c, null))));
            uint index = 2;
            foreach (var row in table.Rows)
            {
                data.Append(Row(index++, row));
            }

            var view = new SheetView { WorkbookViewId = 0 };
            view.Append(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            sheetPart.Worksheet = new Worksheet(new SheetViews(view), data);
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(sheetName) });
            workbookPart.Workbook.Save();
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Row Row(uint index, IEnumerable<RecordCell> cells)
    {
        var row = new Row { RowIndex = index };
        int column = 0;
        foreach (var cell in cells)
        {
            string reference = ColumnName(column++) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            row.Append(cell.NumberValue is not null
                ? new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(cell.NumberValue.Value) }
                : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(XmlSafe(cell.Value)) { Space = SpaceProcessingModeValues.Preserve }) });
        }

        return row;
    }

    private static string ColumnName(int index)
    {
        string name = string.Empty;
        for (index++; index > 0; index = (index - 1) / 26)
        {
            name = (char)('A' + ((index - 1) % 26)) + name;
        }

        return name;
    }

    // Excel sheet names: at most 31 characters, none of []:*?/\.
    private static string SheetName(string name)
    {
        var cleaned = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c)]);
        return cleaned.Length == 0 ? "records" : cleaned[..Math.Min(31, cleaned.Length)];
    }

    // XML 1.0 cannot hold most control characters; document text sometimes does.
    private static string XmlSafe(string text) =>
        text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r'))
            ? new string([.. text.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r')])
            : text;
}
