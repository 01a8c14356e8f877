using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Text.Chunking;
using Xunit;

namespace Wenjin.Text.Tests.Chunking;

public sealed class StructureChunkerTests
{
    private static readonly ChunkingOptions Small = new() { TargetChars = 60, MaxChars = 100, OverlapChars = 15 };

    [Fact]
    public void A_heading_closes_open_headings_of_its_level_and_deeper()
    {
        var document = new ParsedDocumentBuilder()
            .Heading(1, "一、总体情况")
            .Heading(2, "（一）经营概况")
            .Paragraph("收入增长。")
            .Heading(2, "（二）收入构成")
            .Paragraph("制造业占比过半。")
            .Heading(3, "1. 华东")
            .Paragraph("华东最多。")
            .Heading(1, "二、下一步工作")
            .Paragraph("加强质量。")
            .Build();

        var chunks = new StructureChunker().Chunk(document);

        Assert.Equal(
            [["一、总体情况", "（一）经营概况"], ["一、总体情况", "（二）收入构成"], ["一、总体情况", "（二）收入构成", "1. 华东"], ["二、下一步工作"]],
            chunks.Select(c => c.HeadingPath.ToArray()).ToArray());
        Assert.Equal(["收入增长。", "制造业占比过半。", "华东最多。", "加强质量。"], chunks.Select(c => c.Text));
    }

    [Fact]
    public void Short_paragraphs_of_one_section_share_a_chunk_but_never_across_a_heading()
    {
        var document = new ParsedDocumentBuilder()
            .Heading(1, "甲")
            .Paragraph("第一段。")
            .ListItem("- 第一项")
            .Heading(1, "乙")
            .Paragraph("第二段。")
            .Build();

        var chunks = new StructureChunker().Chunk(document);

        Assert.Equal(["第一段。\n- 第一项", "第二段。"], chunks.Select(c => c.Text));
    }

    [Fact]
    public void A_heading_without_content_makes_no_chunk_but_a_document_of_only_headings_is_still_chunked()
    {
        var withContent = new ParsedDocumentBuilder().Heading(1, "空章节").Heading(1, "正文").Paragraph("内容。").Build();
        var onlyHeadings = new ParsedDocumentBuilder().Heading(1, "标题一").Heading(2, "标题二").Build();

        var chunks = new StructureChunker().Chunk(withContent);
        var headingChunks = new StructureChunker().Chunk(onlyHeadings);

        Assert.Equal(["内容。"], chunks.Select(c => c.Text));
        Assert.Equal(["标题一\n标题二"], headingChunks.Select(c => c.Text));
    }

    [Fact]
    public void A_long_paragraph_is_split_at_sentence_ends_and_the_next_piece_repeats_the_last_sentence()
    {
        string[] sentences = Enumerable.Range(1, 9).Select(n => $"第{n}句话在这里说明一些内容。").ToArray();
        var document = new ParsedDocumentBuilder().Paragraph(string.Concat(sentences)).Build();

        var chunks = new StructureChunker(Small).Chunk(document);

        Assert.Equal(
            [string.Concat(sentences[0..4]), string.Concat(sentences[3..7]), string.Concat(sentences[6..9])],
            chunks.Select(c => c.Text));
    }

    [Fact]
    public void A_last_sentence_longer_than_twice_the_overlap_is_not_repeated()
    {
        string longSentence = new string('长', 40) + "。";
        string paragraph = "短句。" + longSentence + new string('后', 70) + "。";
        var document = new ParsedDocumentBuilder().Paragraph(paragraph).Build();

        var chunks = new StructureChunker(Small).Chunk(document);

        Assert.Equal(["短句。" + longSentence, new string('后', 70) + "。"], chunks.Select(c => c.Text));
    }

    [Fact]
    public void Every_chunk_of_a_table_repeats_the_header_and_rows_never_join_paragraphs()
    {
        var builder = new ParsedDocumentBuilder().Paragraph("表前说明。").Row(7, "名称 | 数量", header: true);
        for (int i = 0; i < 30; i++)
        {
            builder.Row(7, $"项目{i:00} | {i * 10}");
        }

        var document = builder.Paragraph("表后说明。").Build();

        var chunks = new StructureChunker(Small).Chunk(document);

        Assert.Equal("表前说明。", chunks[0].Text);
        Assert.Equal("表后说明。", chunks[^1].Text);
        var tableChunks = chunks.Skip(1).SkipLast(1).ToList();
        Assert.All(tableChunks, c => Assert.True(c.IsTable));
        Assert.All(tableChunks, c => Assert.StartsWith("名称 | 数量\n项目", c.Text, StringComparison.Ordinal));
        Assert.All(tableChunks, c => Assert.True(c.Text.Length <= Small.TargetChars));
        Assert.Equal(document.Text.IndexOf("名称", StringComparison.Ordinal), tableChunks[0].Start);
        Assert.Equal(document.Text.IndexOf(tableChunks[1].Text.Split('\n')[1], StringComparison.Ordinal), tableChunks[1].Start);
        Assert.Equal(
            Enumerable.Range(0, 30).Select(i => $"项目{i:00} | {i * 10}"),
            tableChunks.SelectMany(c => c.Text.Split('\n').Skip(1)));
    }

    [Fact]
    public void A_table_interrupted_by_a_paragraph_keeps_its_header_and_an_over_long_row_stands_alone()
    {
        string wideRow = "宽行 | " + new string('数', 80);
        var document = new ParsedDocumentBuilder()
            .Row(1, "列一 | 列二", header: true)
            .Row(1, "a | 1")
            .Paragraph("（续表）")
            .Row(1, wideRow)
            .Row(1, "b | 2")
            .Build();

        var chunks = new StructureChunker(Small).Chunk(document);

        Assert.Equal(["列一 | 列二\na | 1", "（续表）", "列一 | 列二\n" + wideRow, "列一 | 列二\nb | 2"], chunks.Select(c => c.Text));
        Assert.Equal([true, false, true, true], chunks.Select(c => c.IsTable));
    }

    [Fact]
    public void Code_is_split_at_line_ends()
    {
        string code = string.Join("\n", Enumerable.Range(1, 12).Select(i => $"let value{i:00} = compute({i});"));
        var document = new ParsedDocumentBuilder().Code(code).Build();

        var chunks = new StructureChunker(Small).Chunk(document);

        Assert.True(chunks.Count > 2);
        Assert.All(chunks, c => Assert.True(c.End == code.Length || document.Text[c.End] == '\n', $"chunk ends mid-line: {c.Text}"));
        Assert.All(chunks, c => Assert.True(c.Start == 0 || document.Text[c.Start - 1] == '\n', $"chunk starts mid-line: {c.Text}"));
    }

    [Fact]
    public void Text_without_blocks_is_read_as_paragraphs_separated_by_blank_lines_or_else_by_lines()
    {
        var options = new ChunkingOptions { TargetChars = 16, MaxChars = 30, OverlapChars = 0 };
        var paragraphs = new ParsedDocument("第一段第一行\n第一段第二行\n\n第二段只有一行内容\n", []);
        var lines = new ParsedDocument("第一行内容比较长一些\n第二行内容比较长一些\n", []);

        var paragraphChunks = new StructureChunker(options).Chunk(paragraphs);
        var lineChunks = new StructureChunker(options).Chunk(lines);

        Assert.Equal(["第一段第一行\n第一段第二行", "第二段只有一行内容"], paragraphChunks.Select(c => c.Text));
        Assert.Equal(["第一行内容比较长一些", "第二行内容比较长一些"], lineChunks.Select(c => c.Text));
    }

    [Fact]
    public void Pages_come_from_the_first_block_or_from_the_page_starts()
    {
        var withBlockPages = new ParsedDocumentBuilder().NewPage().Paragraph("甲页内容。").NewPage().Heading(1, "乙").Paragraph("乙页内容。").Build();
        var withPageStartsOnly = new ParsedDocumentBuilder(blocksCarryPages: false).NewPage().Paragraph("甲页内容。").NewPage().Heading(1, "乙").Paragraph("乙页内容。").Build();

        Assert.Equal([1, 2], new StructureChunker().Chunk(withBlockPages).Select(c => c.Page));
        Assert.Equal([1, 2], new StructureChunker().Chunk(withPageStartsOnly).Select(c => c.Page));
    }

    [Fact]
    public void Inconsistent_options_are_rejected()
    {
        var exception = Assert.Throws<WenjinException>(() => new StructureChunker(new ChunkingOptions { TargetChars = 300, MaxChars = 200 }));

        Assert.Equal(WenjinErrorKind.InvalidInput, exception.Kind);
    }

    [Fact]
    public void Overlapping_blocks_are_reported_as_a_chunk_stage_bug()
    {
        var document = new ParsedDocument("甲乙丙丁", [new DocumentBlock(BlockKind.Paragraph, 0, 3), new DocumentBlock(BlockKind.Paragraph, 2, 4)]);

        var exception = Assert.Throws<WenjinException>(() => new StructureChunker().Chunk(document));

        Assert.Equal(WenjinErrorKind.Internal, exception.Kind);
        Assert.Equal("chunk", exception.Stage);
    }
}
