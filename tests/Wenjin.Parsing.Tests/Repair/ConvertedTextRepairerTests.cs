using Wenjin.Documents;
using Wenjin.Parsing.Repair;

namespace Wenjin.Parsing.Tests.Repair;

public sealed class ConvertedTextRepairerTests
{
    private static IReadOnlyList<RepairedBlock> Repair(string text) => ConvertedTextRepairer.Instance.Repair(text);

    [Fact]
    public void Hard_wrapped_chinese_paragraph_becomes_one_line_without_inserted_spaces()
    {
        string text = "过去一年，全市经济运行总体平稳，地区生产总值达到\n1.28万亿元，千卡并行的有效算力达到\n92%，数字经济核心产业增加值占比提高\n到11.3%，新建5G基站1.2万个。";

        RepairedBlock block = Assert.Single(Repair(text));

        Assert.Equal(BlockKind.Paragraph, block.Kind);
        Assert.Equal(text.Replace("\n", string.Empty, StringComparison.Ordinal), block.Text);
    }

    [Fact]
    public void Break_between_chinese_and_latin_is_joined_without_space()
    {
        RepairedBlock block = Assert.Single(Repair("本行上线了智能客服\nChatBot 平台，覆盖\nGDP 统计。"));

        Assert.Equal("本行上线了智能客服ChatBot 平台，覆盖GDP 统计。", block.Text);
    }

    [Fact]
    public void English_lines_are_joined_with_one_space()
    {
        RepairedBlock block = Assert.Single(Repair("Early repayment is allowed after twelve\nmonths without any penalty for\nresidential mortgage loans."));

        Assert.Equal("Early repayment is allowed after twelve months without any penalty for residential mortgage loans.", block.Text);
    }

    [Fact]
    public void Blank_lines_and_sentence_ends_keep_paragraph_breaks()
    {
        string text = "第一段的内容在这里，说明总体情况。\n第二段紧接着开始，没有空行分隔，继续说明\n具体措施。\n\n第三段在空行之后";

        var blocks = Repair(text);

        Assert.Equal(["第一段的内容在这里，说明总体情况。", "第二段紧接着开始，没有空行分隔，继续说明具体措施。", "第三段在空行之后"], blocks.Select(b => b.Text));
        Assert.All(blocks, b => Assert.Equal(BlockKind.Paragraph, b.Kind));
    }

    [Fact]
    public void Indented_line_starts_a_new_paragraph()
    {
        string text = "　　第一段没有句号结尾的最后一行\n　　第二段从缩进开始，内容继续\n写完。\n普通的行";

        var blocks = Repair(text);

        Assert.Equal("第一段没有句号结尾的最后一行", blocks[0].Text);
        Assert.Equal("第二段从缩进开始，内容继续写完。", blocks[1].Text);
    }

    [Fact]
    public void Table_rows_are_never_glued_to_neighbouring_lines()
    {
        string text = "主要指标如下表所示，数据来源于统计局\n| 指标 | 2023年 | 2024年 |\n| --- | --- | --- |\n| 地区生产总值 | 12120 | 12800 |\n| 财政收入 | 931 | 986 |\n表格之后的说明文字继续";

        var blocks = Repair(text);

        Assert.Equal(
            ["主要指标如下表所示，数据来源于统计局", "指标 | 2023年 | 2024年", "地区生产总值 | 12120 | 12800", "财政收入 | 931 | 986", "表格之后的说明文字继续"],
            blocks.Select(b => b.Text));
        Assert.Equal([false, true, true, true, false], blocks.Select(b => b.Kind == BlockKind.TableRow));
        Assert.True(blocks[1].IsHeaderRow);
        Assert.False(blocks[2].IsHeaderRow);
        Assert.Equal(blocks[1].TableId, blocks[3].TableId);
    }

    [Fact]
    public void Tab_separated_lines_are_table_rows()
    {
        var blocks = Repair("产品\t年费\t额度\n金卡\t200元\t5万元\n白金卡\t2000元\t20万元");

        Assert.All(blocks, b => Assert.Equal(BlockKind.TableRow, b.Kind));
        Assert.Equal("金卡 | 200元 | 5万元", blocks[1].Text);
    }

    [Fact]
    public void Table_split_by_a_page_break_continues_and_drops_the_repeated_header()
    {
        string text = "| 指标 | 数值 |\n| --- | --- |\n| 存款 | 100 |\n\n- 1 -\n\n| 指标 | 数值 |\n| --- | --- |\n| 贷款 | 80 |";

        var blocks = Repair(text);

        Assert.Equal(["指标 | 数值", "存款 | 100", "贷款 | 80"], blocks.Select(b => b.Text));
        Assert.Single(blocks.Select(b => b.TableId).Distinct());
    }

    [Fact]
    public void Full_width_letters_digits_and_spaces_are_folded_but_chinese_punctuation_is_kept()
    {
        RepairedBlock block = Assert.Single(Repair("ＡＢＣ银行１２３号，ＣＰＩ上涨３％。\u3000注意：（一）是否？是！；"));

        Assert.Equal("ABC银行123号，CPI上涨3%。 注意：（一）是否？是！；", block.Text);
    }

    [Fact]
    public void Odd_and_zero_width_spaces_are_normalized_and_runs_collapsed()
    {
        RepairedBlock block = Assert.Single(Repair("\uFEFF总额\u00A0\u00A0达到\u2003 1.2\u200B万亿元，\u00AD增长    5%。"));

        Assert.Equal("总额 达到 1.2万亿元，增长 5%。", block.Text);
    }

    [Fact]
    public void Page_numbers_and_repeated_headers_are_removed_and_sentences_rejoined()
    {
        string text = string.Join(
            "\n",
            "星河银行年度报告",
            "本行全年实现营业收入一千二百亿元，同比增长",
            "",
            "第 1 页 共 3 页",
            "星河银行年度报告",
            "百分之八，净利润三百亿元。资产质量保持稳定。",
            "第 2 页 共 3 页",
            "星河银行年度报告",
            "不良贷款率为百分之一点一。",
            "第 3 页 共 3 页");

        var blocks = Repair(text);

        Assert.Equal(["本行全年实现营业收入一千二百亿元，同比增长百分之八，净利润三百亿元。资产质量保持稳定。", "不良贷款率为百分之一点一。"], blocks.Select(b => b.Text));
    }

    [Theory]
    [InlineData("一、总体要求", 1)]
    [InlineData("（二）主要目标", 2)]
    [InlineData("第三章 风险管理", 1)]
    [InlineData("第二节 授信审批", 2)]
    [InlineData("1.2 背景", 2)]
    [InlineData("2.3.1 数据来源", 3)]
    public void Numbered_lines_are_headings(string line, int level)
    {
        var blocks = Repair(line + "\n这是紧随其后的正文段落，用于说明本节的主要内容。");

        Assert.Equal(BlockKind.Heading, blocks[0].Kind);
        Assert.Equal(level, blocks[0].Level);
        Assert.Equal(line, blocks[0].Text);
        Assert.Equal(BlockKind.Paragraph, blocks[1].Kind);
    }

    [Fact]
    public void Long_numbered_sentence_is_a_paragraph_not_a_heading()
    {
        var blocks = Repair("前文结束。\n一、坚持稳中求进工作总基调，全面深化改革，扩大高水平对外开放。");

        Assert.Equal(BlockKind.Paragraph, blocks[1].Kind);
    }

    [Fact]
    public void Short_unpunctuated_line_before_a_paragraph_is_a_heading()
    {
        var blocks = Repair("前言部分结束。\n\n项目背景\n近年来，随着数字经济的快速发展，商业银行加快推进数字化转型，取得了明显成效。");

        Assert.Equal(BlockKind.Heading, blocks[1].Kind);
        Assert.Equal("项目背景", blocks[1].Text);
    }

    [Fact]
    public void Bulleted_lines_are_list_items_and_continuations_join_them()
    {
        var blocks = Repair("主要措施：\n• 加强风险管理，完善内部\n控制制度；\n• 提升服务质量。");

        Assert.Equal([BlockKind.Paragraph, BlockKind.ListItem, BlockKind.ListItem], blocks.Select(b => b.Kind));
        Assert.Equal("• 加强风险管理，完善内部控制制度；", blocks[1].Text);
    }
}
