using UglyToad.PdfPig.Writer;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Parsers;
using Wenjin.Parsing.Tests.Golden;

namespace Wenjin.Parsing.Tests.Parsers;

public sealed class PdfParserTests
{
    private static ParsedDocument ParseFixture(string name, ParsingLimits? limits = null) =>
        new PdfParser(limits ?? ParsingLimits.Default).Parse(new DocumentSource(name, name, GoldenFile.ReadFixture(name)));

    [Fact]
    public void Paragraph_running_over_a_page_break_is_joined_and_page_two_starts_inside_it()
    {
        ParsedDocument document = ParseFixture("report-zh.pdf");

        Assert.Equal(2, document.PageCount);
        Assert.Contains("普惠金融贷款平均审批时间由3天缩短至4小时，客户满意度提升至96.5%。", document.Text, StringComparison.Ordinal);
        Assert.StartsWith("3天缩短至4小时", document.Text[document.PageStarts[1]..], StringComparison.Ordinal);
        Assert.DoesNotContain("内部资料", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("- 1 -", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_pdf_is_unreadable_at_parse_stage()
    {
        var error = Assert.Throws<WenjinException>(() => ParseFixture("corrupt-truncated.pdf"));

        Assert.Equal(WenjinErrorKind.UnreadableContent, error.Kind);
        Assert.Equal("parse", error.Stage);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_a_pdf_are_unreadable()
    {
        var source = new DocumentSource("x.pdf", "x.pdf", "这不是PDF文件"u8.ToArray());

        var error = Assert.Throws<WenjinException>(() => new PdfParser().Parse(source));

        Assert.Equal(WenjinErrorKind.UnreadableContent, error.Kind);
    }

    [Fact]
    public void Pdf_without_text_layer_says_ocr_is_not_supported()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(595, 842).DrawRectangle(new UglyToad.PdfPig.Core.PdfPoint(100, 100), 200, 300);
        var source = new DocumentSource("scan.pdf", "scan.pdf", builder.Build());

        var error = Assert.Throws<WenjinException>(() => new PdfParser().Parse(source));

        Assert.Equal(WenjinErrorKind.UnreadableContent, error.Kind);
        Assert.Contains("OCR is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_limit_is_enforced()
    {
        var error = Assert.Throws<WenjinException>(() => ParseFixture("report-zh.pdf", new ParsingLimits { MaxPages = 1 }));

        Assert.Equal(WenjinErrorKind.TooLarge, error.Kind);
    }
}
