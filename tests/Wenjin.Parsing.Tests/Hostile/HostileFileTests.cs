using System.Text;
using Wenjin.Documents;
using Wenjin.Errors;

namespace Wenjin.Parsing.Tests.Hostile;

/// <summary>
/// The hostile-file corpus through <see cref="ParserRegistry.Parse"/>, as ingestion calls it: every file either parses
/// cleanly (the recoverable ones) or fails with a <see cref="WenjinException"/> whose kind, stage and message say what
/// is wrong. Nothing else may escape, and nothing may take the process down.
/// </summary>
public sealed class HostileFileTests
{
    private static readonly ParserRegistry Registry = new();

    [Fact]
    public void Pdf_cut_in_half_is_reported_truncated()
    {
        var error = Fails(Registry, "cut.pdf", HostileCorpus.Truncated(HostileCorpus.ValidPdf(), 0.5));

        AssertError(error, WenjinErrorKind.UnreadableContent, "parse", "the PDF is truncated");
    }

    [Fact]
    public void Pdf_cut_in_half_with_its_end_marker_put_back_is_reported_corrupt()
    {
        var error = Fails(Registry, "cut-eof.pdf", HostileCorpus.TruncatedPdfWithEndMarker());

        AssertError(error, WenjinErrorKind.UnreadableContent, "parse", "the PDF is corrupt and cannot be read");
    }

    [Fact]
    public void Pdf_with_damaged_font_bytes_keeps_its_text()
    {
        // The middle of report-zh.pdf is embedded font data that text extraction does not need.
        byte[] valid = HostileCorpus.ValidPdf();

        ParsedDocument document = Registry.Parse(Source("damaged.pdf", HostileCorpus.Flipped(valid, valid.Length / 2, 4096)));

        Assert.Equal(Registry.Parse(Source("report.pdf", valid)).Text, document.Text);
    }

    [Fact]
    public void Pdf_with_damaged_objects_is_reported_corrupt()
    {
        byte[] valid = HostileCorpus.ValidPdf();

        var error = Fails(Registry, "damaged.pdf", HostileCorpus.Flipped(valid, valid.Length * 9 / 10, 4096));

        AssertError(error, WenjinErrorKind.UnreadableContent, "parse", "the PDF is corrupt and cannot be read");
    }

    [Fact]
    public void Docx_cut_in_half_is_reported_corrupt()
    {
        var error = Fails(Registry, "cut.docx", HostileCorpus.Truncated(HostileCorpus.ValidDocx(), 0.5));

        AssertError(error, WenjinErrorKind.UnreadableContent, "parse", "the Word file is corrupt");
    }

    [Fact]
    public void Docx_with_damaged_document_xml_is_reported_corrupt()
    {
        byte[] damaged = HostileCorpus.FlippedEntryData(HostileCorpus.ValidDocx(), "word/document.xml", 64);

        var error = Fails(Registry, "damaged.docx", damaged);

        AssertError(error, WenjinErrorKind.UnreadableContent, "parse", "the Word file is corrupt");
    }

    [Fact]
    public void Minimal_docx_control_parses()
    {
        ParsedDocument document = Registry.Parse(Source("minimal.docx", HostileCorpus.MinimalDocx("反洗钱内部控制制度。")));

        Assert.Equal("反洗钱内部控制制度。", document.Text);
    }

    [Fact]
    public void Zip_bomb_disguised_as_docx_is_refused_from_its_headers()
    {
        byte[] bomb = HostileCorpus.ZipBombDocx(zeroMegabytes: 200);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb should be small on disk, is {bomb.Length:N0} bytes");

        var error = Fails(Registry, "bomb.docx", bomb);

        AssertError(error, WenjinErrorKind.TooLarge, "parse", "\"word/document.xml\" expands to more than 128 MB; refused as a possible zip bomb");
    }

    [Fact]
    public void Docx_part_compressed_far_beyond_ordinary_xml_is_refused_by_its_ratio()
    {
        var error = Fails(Registry, "ratio.docx", HostileCorpus.ZipBombDocx(zeroMegabytes: 4));

        AssertError(error, WenjinErrorKind.TooLarge, "parse", "\"word/document.xml\" is compressed more than 200:1");
        Assert.EndsWith("refused as a possible zip bomb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_whose_parts_together_expand_too_far_is_refused()
    {
        var registry = new ParserRegistry(new ParsingLimits { MaxExpandedBytes = 3L * 1024 * 1024, MaxCompressionRatio = 10_000 });

        var error = Fails(registry, "parts.docx", HostileCorpus.ManyPartsDocx(entries: 4, megabytesEach: 1));

        AssertError(error, WenjinErrorKind.TooLarge, "parse", "the Word file expands to more than 3 MB; refused as a possible zip bomb");
    }

    [Fact]
    public void Docx_with_too_many_parts_is_refused()
    {
        var registry = new ParserRegistry(new ParsingLimits { MaxArchiveEntries = 5 });

        var error = Fails(registry, "many.docx", HostileCorpus.ManyPartsDocx(entries: 6, megabytesEach: 0));

        AssertError(error, WenjinErrorKind.TooLarge, "parse", "holds 9 parts, more than the limit of 5");
    }

    [Fact]
    public void Docx_whose_headers_understate_sizes_never_expands_past_the_claim()
    {
        // Both headers claim 1,000 bytes for 3 MB of data. System.IO.Compression stops an entry at its declared size,
        // so the guard's inflation count and Open XML both see 1,000 bytes of XML cut mid-element: corrupt, not a bomb.
        var registry = new ParserRegistry(new ParsingLimits { MaxExpandedEntryBytes = 1024 * 1024, MaxCompressionRatio = 10_000 });
        byte[] lying = HostileCorpus.LyingHeaderDocx(zeroMegabytes: 3, claimedBytes: 1000);

        var error = Fails(registry, "lying.docx", lying);

        AssertError(error, WenjinErrorKind.UnreadableContent, "parse", "the Word file is corrupt");
        Assert.Contains("position 1001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_with_an_xml_entity_bomb_is_refused_without_expanding_it()
    {
        var error = Fails(Registry, "laughs.docx", HostileCorpus.EntityBombDocx());

        AssertError(error, WenjinErrorKind.UnreadableContent, "parse", "the Word file is corrupt");
    }

    [Fact]
    public void Flate_pdf_control_parses()
    {
        ParsedDocument document = Registry.Parse(Source("flate.pdf", HostileCorpus.FlatePdf("Quarterly report", paddingBytes: 1000)));

        Assert.Contains("Quarterly report", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_stream_that_inflates_beyond_the_limit_is_refused_as_a_decompression_bomb()
    {
        // The same check guards the default 128 MB; a 1 MB limit keeps the generated stream small.
        var registry = new ParserRegistry(new ParsingLimits { MaxExpandedEntryBytes = 1024 * 1024 });

        var error = Fails(registry, "bomb.pdf", HostileCorpus.FlatePdf("Quarterly report", paddingBytes: 3 * 1024 * 1024));

        AssertError(error, WenjinErrorKind.TooLarge, "parse", "a compressed stream in the PDF expands to more than 1 MB; refused as a possible decompression bomb");
    }

    [Fact]
    public void Pdf_over_the_character_limit_stops_at_the_page_that_crosses_it()
    {
        var registry = new ParserRegistry(new ParsingLimits { MaxCharacters = 50 });

        var error = Fails(registry, "report.pdf", HostileCorpus.ValidPdf());

        AssertError(error, WenjinErrorKind.TooLarge, "parse", "the PDF has more than 50 characters of text by page 1");
    }

    [Fact]
    public void One_line_text_over_the_byte_limit_is_refused_before_it_is_decoded()
    {
        // The 200 MB case takes the same path (bytes > MaxBytes, checked before any decoding); a 2 MB line over a
        // 1 MB limit keeps the test small. Hosting's HostileIngestTests writes a real 200 MB one-line file.
        var registry = new ParserRegistry(new ParsingLimits { MaxBytes = 1024 * 1024 });

        var error = Fails(registry, "line.txt", HostileCorpus.OneLine(2 * 1024 * 1024));

        AssertError(error, WenjinErrorKind.TooLarge, "read", "more than the limit of 1,048,576; split the file or raise the limit");
    }

    [Fact]
    public void One_line_text_under_the_limits_is_read_whole()
    {
        byte[] line = HostileCorpus.OneLine(3 * 1024 * 1024);

        ParsedDocument document = Registry.Parse(Source("line.txt", line));

        Assert.Equal(Encoding.UTF8.GetString(line), document.Text);
    }

    [Fact]
    public void Binary_disguised_as_text_is_refused_as_not_text()
    {
        var error = Fails(Registry, "photo.txt", HostileCorpus.BinaryDisguisedAsText(64 * 1024));

        AssertError(error, WenjinErrorKind.UnreadableContent, "detect", "the file does not contain text");
    }

    [Theory]
    [InlineData("div")]
    [InlineData("b")]
    [InlineData("blockquote")]
    public void Html_nested_a_hundred_thousand_deep_is_refused_before_parsing(string tag)
    {
        var error = Fails(Registry, "deep.html", HostileCorpus.NestedHtml(100_000, tag));

        AssertError(error, WenjinErrorKind.TooLarge, "parse", "the HTML nests elements more than 512 deep");
    }

    [Fact]
    public void Html_with_many_unclosed_optional_and_void_tags_is_not_mistaken_for_deep_nesting()
    {
        var html = new StringBuilder("<html><body><svg>");
        for (int i = 0; i < 2000; i++)
        {
            html.Append("<path d=\"M0 0\"/>");
        }

        html.Append("</svg><ul>");
        for (int i = 0; i < 2000; i++)
        {
            html.Append("<li>第").Append(i).Append("项<br><img src=x.png><p>说明文字");
        }

        html.Append("</ul><script>for (i = 0; i < 9; i++) document.write('<div>');</script></body></html>");

        ParsedDocument document = Registry.Parse(Source("long.html", Encoding.UTF8.GetBytes(html.ToString())));

        Assert.Contains("第1999项", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_with_unclosed_inline_tags_in_every_table_cell_is_not_mistaken_for_deep_nesting()
    {
        var html = new StringBuilder("<html><body><table>");
        for (int i = 0; i < 1000; i++)
        {
            html.Append("<tr><td><font color=red><b>第").Append(i).Append("行</td><td><span>数据</td>");
        }

        html.Append("</table></body></html>");

        ParsedDocument document = Registry.Parse(Source("table.html", Encoding.UTF8.GetBytes(html.ToString())));

        Assert.Contains("第999行", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_lists_nested_with_unclosed_items_count_every_level()
    {
        var html = new StringBuilder("<html><body>");
        for (int i = 0; i < 600; i++)
        {
            html.Append("<ul><li>第").Append(i).Append("层");
        }

        var error = Fails(Registry, "lists.html", Encoding.UTF8.GetBytes(html.ToString()));

        AssertError(error, WenjinErrorKind.TooLarge, "parse", "the HTML nests elements more than 512 deep");
    }

    [Fact]
    public void Html_nesting_at_the_limit_parses()
    {
        ParsedDocument document = Registry.Parse(Source("deep.html", HostileCorpus.NestedHtml(500)));

        Assert.Equal("最深处的一句话。", document.Text);
    }

    [Fact]
    public void Markdown_emphasis_nested_a_hundred_thousand_deep_parses_without_overflowing_the_stack()
    {
        byte[] markdown = Encoding.ASCII.GetBytes(new string('*', 100_000) + "a" + new string('*', 100_000));

        ParsedDocument document = Registry.Parse(Source("deep.md", markdown));

        Assert.Equal("a", document.Text);
    }

    [Fact]
    public void Markdown_quotes_nested_a_hundred_thousand_deep_are_refused_by_the_markdown_depth_limit()
    {
        var error = Fails(Registry, "quotes.md", Encoding.UTF8.GetBytes(new string('>', 100_000) + " 深层引用"));

        AssertError(error, WenjinErrorKind.UnreadableContent, "parse", "too deeply nested");
    }

    [Fact]
    public void Utf8_with_a_gbk_sentence_and_invalid_bytes_is_read_as_utf8_with_replacement_characters()
    {
        ParsedDocument document = Registry.Parse(Source("mixed.txt", HostileCorpus.Utf8WithGbkAndInvalidBytes()));

        Assert.Equal("utf-8", document.Encoding);
        Assert.Contains("第39条 员工出差住宿费实行限额标准", document.Text, StringComparison.Ordinal);
        Assert.Contains("报销须提供发票原件。", document.Text, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', document.Text);
    }

    [Fact]
    public void Text_alternating_utf8_and_gbk_lines_is_read_line_by_line_in_each_encoding()
    {
        ParsedDocument document = Registry.Parse(Source("half.txt", HostileCorpus.HalfUtf8HalfGbk()));

        Assert.Equal("utf-8+gb18030", document.Encoding);
        Assert.Contains("员工应在出差结束后十五个工作日内提交报销申请。", document.Text, StringComparison.Ordinal);
        Assert.Contains("逾期不予受理，特殊情况须经部门负责人批准。", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', document.Text);
    }

    internal static WenjinException Fails(ParserRegistry registry, string fileName, byte[] content) =>
        Assert.Throws<WenjinException>(() => registry.Parse(Source(fileName, content)));

    internal static void AssertError(WenjinException error, WenjinErrorKind kind, string stage, string gist)
    {
        Assert.Contains(gist, error.Message, StringComparison.Ordinal);
        Assert.Equal(kind, error.Kind);
        Assert.Equal(stage, error.Stage);
    }

    private static DocumentSource Source(string fileName, byte[] content) => new(fileName, fileName, content);
}
