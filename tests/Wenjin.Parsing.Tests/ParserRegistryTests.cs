using System.Text;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Parsers;

namespace Wenjin.Parsing.Tests;

public sealed class ParserRegistryTests
{
    private static readonly ParserRegistry Registry = new();

    [Theory]
    [InlineData("a.TXT", typeof(PlainTextParser))]
    [InlineData("a.md", typeof(MarkdownParser))]
    [InlineData("a.markdown", typeof(MarkdownParser))]
    [InlineData("a.htm", typeof(HtmlParser))]
    [InlineData("a.pdf", typeof(PdfParser))]
    [InlineData("a.docx", typeof(DocxParser))]
    public void Resolves_parser_by_extension(string fileName, Type parserType)
    {
        Assert.IsType(parserType, Registry.Resolve(new DocumentSource(fileName, fileName, [])));
    }

    [Fact]
    public void Unknown_extension_is_unsupported_and_lists_supported_formats()
    {
        var error = Assert.Throws<WenjinException>(() => Registry.Resolve(new DocumentSource("a.xlsx", "a.xlsx", [1])));

        Assert.Equal(WenjinErrorKind.UnsupportedFormat, error.Kind);
        Assert.Equal("detect", error.Stage);
        Assert.Contains(".xlsx is not a supported format (supported: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(".docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_is_pointed_to_the_record_reader()
    {
        var error = Assert.Throws<WenjinException>(() => Registry.Resolve(new DocumentSource("a.jsonl", "a.jsonl", [1])));

        Assert.Contains("JsonlRecordReader", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_limit_is_enforced()
    {
        var registry = new ParserRegistry(new ParsingLimits { MaxBytes = 10 });

        var error = Assert.Throws<WenjinException>(() => registry.Parse(new DocumentSource("a.txt", "a.txt", Encoding.UTF8.GetBytes("超过十个字节的中文内容"))));

        Assert.Equal(WenjinErrorKind.TooLarge, error.Kind);
    }

    [Fact]
    public void Character_limit_is_enforced()
    {
        var registry = new ParserRegistry(new ParsingLimits { MaxCharacters = 5 });

        var error = Assert.Throws<WenjinException>(() => registry.Parse(new DocumentSource("a.txt", "a.txt", Encoding.UTF8.GetBytes("超过五个字符的内容。"))));

        Assert.Equal(WenjinErrorKind.TooLarge, error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\u3000\n\t ")]
    public void Empty_or_blank_document_has_no_text(string content)
    {
        var error = Assert.Throws<WenjinException>(() => Registry.Parse(new DocumentSource("a.txt", "a.txt", Encoding.UTF8.GetBytes(content))));

        Assert.Equal(WenjinErrorKind.UnreadableContent, error.Kind);
        Assert.Contains("the document has no text", error.Message, StringComparison.Ordinal);
    }
}
