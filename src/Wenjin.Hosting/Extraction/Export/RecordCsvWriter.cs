using System.Text;

namespace Wenjin.Hosting.Extraction.Export;

/// <summary>
/// Writes a <see cref="RecordTable"/> as CSV (RFC 4180: comma-separated, CRLF, fields with commas, quotes or line
/// breaks quoted) in UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Text that a spreadsheet would
/// run as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe: document text must never become
/// a formula on the reader's machine.
/// </summary>
public static class RecordCsvWriter
{
    public static void Write(RecordTable table, Stream output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', table.Columns.Select(c => Escape(c, isNumber: false))));
        foreach (var row in table.Rows)
        {
            writer.WriteLine(string.Join(',', row.Select(c => Escape(c.Value, c.NumberValue is not null))));
        }
    }

    public static string Escape(string value, bool isNumber)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!isNumber && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
