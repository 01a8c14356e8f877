using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Parsing.Parsers;
using Wenjin.Parsing.Tests.Golden;

namespace Wenjin.Parsing.Tests.Parsers;

public sealed class DocxParserTests
{
    [Fact]
    public void Corrupt_docx_is_unreadable_at_parse_stage()
    {
        var source = new DocumentSource("corrupt.docx", "corrupt.docx", GoldenFile.ReadFixture("corrupt.docx"));

        var error = Assert.Throws<WenjinException>(() => new DocxParser().Parse(source));

        Assert.Equal(WenjinErrorKind.UnreadableContent, error.Kind);
        Assert.Equal("parse", error.Stage);
    }

    [Fact]
    public void Container_title_wins_over_core_properties()
    {
        var source = new DocumentSource("a.docx", "a.docx", DocxFixtureWriter.WriteAmlPolicy()) { Title = "反洗钱制度（2024）" };

        ParsedDocument document = new DocxParser().Parse(source);

        Assert.Equal("反洗钱制度（2024）", document.Title);
    }
}
