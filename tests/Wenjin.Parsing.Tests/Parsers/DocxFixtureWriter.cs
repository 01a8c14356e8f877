using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Wenjin.Parsing.Tests.Parsers;

/// <summary>
/// Writes the .docx fixture in code (a Word file is a zip of XML, so generating it keeps the fixture reviewable):
/// a bank's anti-money-laundering policy with a core-properties title, Heading1 and a Chinese-Word-style heading
/// (style id "2" named "heading 2"), an unstyled numbered heading, numbered list items, a table with a marked
/// header row, full-width digits and an empty paragraph.
/// </summary>
internal static class DocxFixtureWriter
{
    public static byte[] WriteAmlPolicy()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = "星河银行反洗钱内部控制制度";
            MainDocumentPart main = document.AddMainDocumentPart();
            StyleDefinitionsPart stylesPart = main.AddNewPart<StyleDefinitionsPart>();
            stylesPart.Styles = new Styles(
                HeadingStyle("Heading1", "heading 1", 0),
                HeadingStyle("2", "heading 2", 1),
                new Style(new StyleName { Val = "List Paragraph" }) { Type = StyleValues.Paragraph, StyleId = "ListParagraph" });

            var body = new Body(
                Paragraph("第一章 总则", "Heading1"),
                Paragraph("第一条 为预防洗钱和恐怖融资活动，根据《中华人民共和国反洗钱法》，制定本制度。"),
                Paragraph(string.Empty),
                Paragraph("客户身份识别", "2"),
                Paragraph("本行在与客户建立业务关系时，应当识别客户身份，并核对以下资料："),
                ListItem("有效身份证件或者其他身份证明文件；"),
                ListItem("单笔现金交易人民币５万元以上的，登记交易背景。"),
                Paragraph("一、大额交易报告"),
                Paragraph("大额交易应当在交易发生后5个工作日内报告，报告标准如下表所示。"),
                new Table(
                    Row(header: true, "交易类型", "报告标准"),
                    Row(header: false, "现金交易", "5万元以上"),
                    Row(header: false, "对公转账", "200万元以上")),
                Paragraph("本制度自印发之日起施行。"));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Style HeadingStyle(string id, string name, int outline) =>
        new(new StyleName { Val = name }, new StyleParagraphProperties(new OutlineLevel { Val = outline }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };

    private static Paragraph Paragraph(string text, string? style = null)
    {
        var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        return paragraph;
    }

    private static Paragraph ListItem(string text) =>
        new(
            new ParagraphProperties(
                new ParagraphStyleId { Val = "ListParagraph" },
                new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
            new Run(new Text(text)));

    private static TableRow Row(bool header, params string[] cells)
    {
        var row = new TableRow();
        if (header)
        {
            row.AppendChild(new TableRowProperties(new TableHeader()));
        }

        foreach (string cell in cells)
        {
            row.AppendChild(new TableCell(new Paragraph(new Run(new Text(cell)))));
        }

        return row;
    }
}
