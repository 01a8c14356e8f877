using System.Globalization;
using System.Text;
using Wenjin.Documents;

namespace Wenjin.Text.Tests.Chunking;

/// <summary>Hand-built documents shaped like parser output, and seeded random ones for property tests.</summary>
internal static class SampleDocuments
{
    public static IReadOnlyList<string> Names { get; } = ["chinese-report", "technical-guide", "pdf-pages", "plain-text"];

    public static ParsedDocument ByName(string name) => name switch
    {
        "chinese-report" => ChineseReport(),
        "technical-guide" => TechnicalGuide(),
        "pdf-pages" => PdfPages(),
        "plain-text" => PlainText(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such sample document."),
    };

    /// <summary>A Chinese annual report: 一、/（一） headings, short and long paragraphs, list items, a 30-row table.</summary>
    public static ParsedDocument ChineseReport()
    {
        var builder = new ParsedDocumentBuilder()
            .Heading(1, "一、总体情况")
            .Heading(2, "（一）经营概况")
            .Paragraph("2024年，公司坚持稳中求进的工作总基调，全年实现营业收入18.6亿元，同比增长12.4%。")
            .Paragraph("归属于上市公司股东的净利润为2.3亿元，同比增长8.1%；经营活动产生的现金流量净额为3.1亿元。")
            .Paragraph("截至报告期末，公司总资产为45.2亿元，资产负债率为41.7%，较上年末下降2.3个百分点。")
            .Heading(2, "（二）收入构成")
            .Paragraph(MonthlyNarrative())
            .Paragraph("综合来看，全年收入结构持续优化，制造业客户贡献的收入占比首次超过一半。")
            .Heading(1, "二、分区域情况")
            .Paragraph("报告期内，公司重点推进了以下工作：")
            .ListItem("1. 完成华东区域三个新仓库的建设，新增仓储面积4.2万平方米；")
            .ListItem("2. 在华南区域上线智能排产系统，订单交付周期缩短至5.6天；")
            .ListItem("3. 西南区域与两所高校共建联合实验室，申请发明专利17项；")
            .ListItem("4. 华北区域完成渠道整合，经销商数量由126家调整为88家。")
            .Paragraph("各区域分月收入如下表所示。");
        builder.Row(1, "区域 | 月份 | 收入（万元） | 同比", header: true);
        string[] regions = ["华东", "华南", "西南"];
        for (int r = 0; r < 30; r++)
        {
            int month = (r % 10) + 1;
            int revenue = 1000 + (r * 53);
            builder.Row(1, Invariant($"{regions[r / 10]} | {month}月 | {revenue} | +{(r * 7) % 19}.{r % 10}%"));
        }

        builder
            .Paragraph("注：上表数据未经审计。")
            .Heading(1, "三、下一步工作")
            .Paragraph("董事长在年度会议上指出：“明年要把质量放在第一位。”各部门负责人表示将认真落实……具体措施包括加强质量追溯、完善供应商考核、推进数字化车间建设等。")
            .Heading(2, "（一）风险提示")
            .Paragraph("原材料价格波动、汇率变化以及行业竞争加剧可能对公司经营产生不利影响，敬请投资者注意投资风险！");
        return builder.Build("2024年度经营报告");
    }

    /// <summary>An English/Chinese technical guide: abbreviations and decimals in prose, a long code block.</summary>
    public static ParsedDocument TechnicalGuide()
    {
        var code = new StringBuilder();
        for (int i = 1; i <= 40; i++)
        {
            code.Append(Invariant($"var step{i} = pipeline.Run(\"stage-{i}\", retries: {i % 4}); // 第{i}步")).Append('\n');
        }

        return new ParsedDocumentBuilder()
            .Heading(1, "Getting started")
            .Paragraph("Wenjin 是一个中文优先的知识库。It reads PDF, DOCX and HTML files, e.g. annual reports. Version 2.5 adds tables.")
            .Paragraph("Dr. Wang wrote the first parser in 2021. The design follows No. 3 of the internal guidelines; see Fig. 2 for details.")
            .Heading(2, "Installation")
            .ListItem("1. Install the .NET 10 SDK.")
            .ListItem("2. Run the CLI once to create the data folder.")
            .ListItem("3. Ingest a folder: wenjin ingest ./docs")
            .Heading(2, "Pipeline")
            .Paragraph("The pipeline below runs every stage in order (about 0.5 s per stage). 每个阶段失败时会重试！")
            .Code(code.ToString().TrimEnd('\n'))
            .Paragraph("After the last stage the index is committed. Is that all? Yes.")
            .Build("Wenjin guide");
    }

    /// <summary>A PDF-like document: pages, a paragraph running across a page break, blocks with and without pages.</summary>
    public static ParsedDocument PdfPages()
    {
        return new ParsedDocumentBuilder()
            .NewPage()
            .Heading(1, "第一章 总则")
            .Paragraph("第一条 为规范公司信息披露行为，保护投资者合法权益，根据有关法律法规，制定本制度。")
            .Paragraph("第二条 本制度所称信息披露，是指将可能对公司股票价格产生重大影响的信息，在规定时间内公告。")
            .ParagraphAcrossPages(Repeat("第三条 信息披露应当真实、准确、完整，不得有虚假记载、误导性陈述或者重大遗漏。", 8), Repeat("信息披露文件应当使用事实描述性语言，简明扼要、通俗易懂。", 12))
            .Heading(1, "第二章 信息披露的内容")
            .Paragraph("第四条 公司应当披露的定期报告包括年度报告、半年度报告和季度报告。")
            .NewPage()
            .Paragraph("第五条 年度报告应当在每个会计年度结束之日起四个月内编制完成并披露。")
            .Build("信息披露管理制度");
    }

    /// <summary>Plain text without any blocks: paragraphs separated by blank lines.</summary>
    public static ParsedDocument PlainText()
    {
        string text = "问津是一个文档知识库。\n它支持中文分词和检索。\n\n"
            + Repeat("用户可以导入大量文档，系统会自动切分、建立索引，并在提问时给出带引用的答案。", 8)
            + "\n\n\n最后一段只有一句话。\n";
        return new ParsedDocument(text, []);
    }

    /// <summary>
    /// A random document from a seed: headings of levels 1–3, prose with and without punctuation, list items, code,
    /// tables with and without headers, blank blocks, uncovered gaps and pages with or without block pages.
    /// </summary>
    public static ParsedDocument Random(int seed)
    {
        var random = new Random(seed);
        var builder = new ParsedDocumentBuilder(blocksCarryPages: random.Next(2) == 0);
        builder.NewPage();
        int tableId = 0;
        int blocks = random.Next(5, 60);
        for (int b = 0; b < blocks; b++)
        {
            if (random.Next(12) == 0)
            {
                builder.NewPage();
            }

            switch (random.Next(10))
            {
                case 0:
                case 1:
                    builder.Heading(random.Next(1, 4), Words(random, 1, 4));
                    break;
                case 2:
                    builder.ListItem(Prose(random, 1, 3));
                    break;
                case 3:
                    builder.Code(Lines(random));
                    break;
                case 4:
                    AddTable(builder, random, ++tableId);
                    break;
                case 5:
                    builder.Paragraph(Words(random, 100, 400));
                    break;
                case 6:
                    builder.Paragraph("   ");
                    builder.Gap(random.Next(2) == 0 ? "\n" : "页脚 第3页\n");
                    break;
                default:
                    builder.Paragraph(Prose(random, 1, random.Next(2) == 0 ? 4 : 40));
                    break;
            }
        }

        return builder.Build();
    }

    private static void AddTable(ParsedDocumentBuilder builder, Random random, int tableId)
    {
        bool header = random.Next(3) > 0;
        int? id = random.Next(5) == 0 ? null : tableId;
        if (header)
        {
            builder.Row(id, "名称 | 数量 | 说明", header: true);
        }

        int rows = random.Next(1, 40);
        for (int r = 0; r < rows; r++)
        {
            builder.Row(id, Invariant($"项目{r} | {random.Next(1000)} | {Words(random, 1, 8)}"));
        }
    }

    private static readonly string[] Sentences =
    [
        "公司全年实现营业收入18.6亿元，同比增长12.4%。",
        "研发投入持续加大！",
        "这是否意味着市场已经见底？",
        "一是加强管理；二是提高效率。",
        "他说：“明年要把质量放在第一位。”",
        "The results were reviewed by Dr. Smith, e.g. the 3.5% growth figure.",
        "Revenue rose sharply in Q3. ",
        "各部门将认真落实……",
        "数据来源于国家统计局2023年公报，其中部分指标经过季节调整，具体口径以官方发布为准，本文不再逐一说明。",
    ];

    private static readonly string[] Vocabulary = ["数据", "分析", "系统", "报告", "市场", "index", "search", "模型", "客户", "产品", "，", " "];

    private static string Prose(Random random, int min, int max)
    {
        var builder = new StringBuilder();
        int count = random.Next(min, max + 1);
        for (int i = 0; i < count; i++)
        {
            builder.Append(Sentences[random.Next(Sentences.Length)]);
        }

        return builder.ToString().Trim();
    }

    private static string Words(Random random, int min, int max)
    {
        var builder = new StringBuilder();
        int count = random.Next(min, max + 1);
        for (int i = 0; i < count; i++)
        {
            builder.Append(Vocabulary[random.Next(Vocabulary.Length - (i == 0 ? 2 : 0))]);
        }

        return builder.ToString().Trim();
    }

    private static string Lines(Random random)
    {
        var builder = new StringBuilder();
        int count = random.Next(1, 60);
        for (int i = 0; i < count; i++)
        {
            builder.Append(Invariant($"call(x{i}); // {Words(random, 1, 6)}\n"));
        }

        return builder.ToString().TrimEnd();
    }

    private static string Repeat(string sentence, int times) => string.Concat(Enumerable.Repeat(sentence, times));

    private static string MonthlyNarrative()
    {
        var builder = new StringBuilder();
        foreach (string region in (string[])["华东", "华南"])
        {
            for (int month = 1; month <= 12; month++)
            {
                int growth = month * 17;
                builder.Append(Invariant($"{month}月份，{region}区域实现营业收入{1200 + (month * 37)}万元，同比增长{growth / 10}.{growth % 10}%，主要得益于新签约的{month + 3}家制造业客户。"));
            }
        }

        return builder.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
