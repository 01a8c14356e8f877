using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Wenjin.Extraction;
using Wenjin.Hosting.Extraction;
using Wenjin.Hosting.Extraction.Export;

namespace Wenjin.Hosting.Tests.Extraction;

public sealed class RecordExportTests
{
    private static readonly SchemaDescription Schema = SchemaDescriber.Describe(
        new SchemaCatalog(new JsonSchemaReader(ExtractionTaxonomy.Default), null).Get("application-case"));

    private static readonly StoredRecord Case = new(
        new ExtractedRecord(
            "application-case",
            "d1",
            "cases/ac.md",
            new OrderedDictionary<string, FieldValue>
            {
                ["案例名称"] = Value("=HYPERLINK(\"http://x\")"),
                ["领域"] = Value(new[] { "金融", "医疗健康" }),
                ["成果指标"] = Value(new[] { new Dictionary<string, object> { ["指标"] = "准确率", ["数值"] = 97.6m, ["单位"] = "%" }, new Dictionary<string, object> { ["指标"] = "响应时间", ["数值"] = 45m, ["单位"] = "%" } }),
            },
            [],
            ["供给方", "需求方"]),
        "案例, \"一\"",
        ExtractionMethods.Rules,
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void The_table_has_a_column_per_field_and_flattens_lists_and_objects()
    {
        var table = RecordTable.Build(Schema, [Case]);

        Assert.Equal(["docId", "sourceId", "title", "案例名称", "供给方", "需求方", "领域", "应用类型", "功能", "成果指标", "method", "missing"], table.Columns);
        var row = table.Rows[0];
        Assert.Equal("金融；医疗健康", row[6].Value);
        Assert.Equal("准确率 97.6 %；响应时间 45 %", row[9].Value);
        Assert.Equal(string.Empty, row[4].Value);
        Assert.Equal("供给方；需求方", row[11].Value);
    }

    [Fact]
    public void Csv_has_a_bom_quotes_what_needs_quoting_and_never_writes_a_formula()
    {
        using var output = new MemoryStream();
        RecordCsvWriter.Write(RecordTable.Build(Schema, [Case]), output);
        byte[] bytes = output.ToArray();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        string[] lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("docId,sourceId,title,案例名称,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("d1,cases/ac.md,\"案例, \"\"一\"\"\",\"'=HYPERLINK(\"\"http://x\"\")\",", lines[1], StringComparison.Ordinal);
        Assert.Equal("-5", RecordCsvWriter.Escape("-5", isNumber: true));
        Assert.Equal("'-5", RecordCsvWriter.Escape("-5", isNumber: false));
    }

    [Fact]
    public void Xlsx_opens_with_a_header_row_text_cells_and_numbers()
    {
        var numbers = new StoredRecord(
            new ExtractedRecord("bid-award", "d2", "ba.txt", new OrderedDictionary<string, FieldValue> { ["中标金额"] = Value(986000m), ["项目名称"] = Value("智慧病案系统") }, [], []),
            null,
            ExtractionMethods.Model,
            DateTimeOffset.UnixEpoch);
        var schema = SchemaDescriber.Describe(new SchemaCatalog(new JsonSchemaReader(ExtractionTaxonomy.Default), null).Get("bid-award"));
        using var output = new MemoryStream();

        RecordXlsxWriter.Write(RecordTable.Build(schema, [numbers]), "bid-award", output);

        output.Position = 0;
        using var document = SpreadsheetDocument.Open(output, false);
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single();
        Assert.Equal("bid-award", sheet.Name!.Value);
        var rows = ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>().ToList();
        Assert.Equal(2, rows.Count);
        var header = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        Assert.Equal("项目名称", header[3]);
        var cells = rows[1].Elements<Cell>().ToList();
        Assert.Equal("智慧病案系统", cells[3].InnerText);
        int amount = header.IndexOf("中标金额");
        Assert.Equal(CellValues.Number, cells[amount].DataType!.Value);
        Assert.Equal("986000", cells[amount].CellValue!.Text);
    }

    private static FieldValue Value(object value) => new(JsonSerializer.SerializeToElement(value), [new Evidence("x", null, 0, 1)]);
}
