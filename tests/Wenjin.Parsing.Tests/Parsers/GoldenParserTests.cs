using Wenjin.Documents;
using Wenjin.Parsing.Tests.Golden;

namespace Wenjin.Parsing.Tests.Parsers;

public sealed class GoldenParserTests
{
    private static readonly ParserRegistry Registry = new();

    [Theory]
    [InlineData("notice-gbk.txt")]
    [InlineData("faq-big5.txt")]
    [InlineData("report-hardwrapped.txt")]
    [InlineData("policy.md")]
    [InlineData("faq.html")]
    [InlineData("report-zh.pdf")]
    public void Fixture_matches_its_golden_file(string name)
    {
        ParsedDocument document = Registry.Parse(new DocumentSource(name, name, GoldenFile.ReadFixture(name)));

        DocumentInvariants.Check(document);
        GoldenFile.Verify(name, document);
    }

    [Fact]
    public void Generated_docx_matches_its_golden_file()
    {
        ParsedDocument document = Registry.Parse(new DocumentSource("aml-policy.docx", "aml-policy.docx", DocxFixtureWriter.WriteAmlPolicy()));

        DocumentInvariants.Check(document);
        GoldenFile.Verify("aml-policy.docx", document);
    }
}
