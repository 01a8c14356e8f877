using System.Text;
using Wenjin.Documents;
using Wenjin.Parsing.Parsers;

namespace Wenjin.Parsing.Tests.Parsers;

public sealed class MarkdownParserTests
{
    private static ParsedDocument Parse(string markdown) =>
        new MarkdownParser().Parse(new DocumentSource("a.md", "a.md", Encoding.UTF8.GetBytes(markdown)));

    [Fact]
    public void Table_split_by_a_page_footer_stays_one_table()
    {
        ParsedDocument document = Parse("| 指标 | 数值 |\n| --- | --- |\n| 存款 | 100 |\n\n- 1 -\n\n| 指标 | 数值 |\n| 贷款 | 80 |\n");

        var rows = document.Blocks.Where(b => b.Kind == BlockKind.TableRow).ToList();
        Assert.Equal(["指标 | 数值", "存款 | 100", "贷款 | 80"], rows.Select(b => document.Text[b.Start..b.End]));
        Assert.Single(rows.Select(b => b.TableId).Distinct());
        Assert.Equal([true, false, false], rows.Select(b => b.IsHeaderRow));
        Assert.Equal(3, document.Blocks.Count);
    }

    [Fact]
    public void Hard_breaks_inside_a_chinese_paragraph_are_joined()
    {
        ParsedDocument document = Parse("千卡并行的有效算力\n达到 92%，较上年\n提高5个百分点。\n");

        Assert.Equal("千卡并行的有效算力达到 92%，较上年提高5个百分点。", document.Text);
    }

    [Fact]
    public void Markup_is_removed_from_the_text()
    {
        ParsedDocument document = Parse("## 第二章 **贷款**条件\n\n详见[监管规定](https://example.com)与`LPR`。\n");

        Assert.Equal("第二章 贷款条件\n\n详见监管规定与LPR。", document.Text);
        Assert.Equal(2, document.Blocks[0].Level);
    }
}
