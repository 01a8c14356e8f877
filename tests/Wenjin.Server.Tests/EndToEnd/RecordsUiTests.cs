using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Server.Tests.EndToEnd;

/// <summary>
/// The records and brief pages in headless Chromium against a real server. Records are extracted by a scripted chat
/// model (real HTTP on 127.0.0.1) whose answers the server validates against each document, so the table, the charts
/// and the filters have categories and metrics to show whichever fields the model-free builder fills.
/// </summary>
public sealed class RecordsUiTests
{
    private const string Bank = "青松银行智能客服案例.md";
    private const string Hospital = "明湖医院辅助诊断案例.md";
    private const string Factory = "远航制造视觉质检案例.md";

    private static readonly (string Name, string Text, string Record)[] Cases =
    [
        (Bank,
            """
            # 青松银行智能客服大模型应用案例

            应用单位：青松银行
            技术提供方：云杉智能科技有限公司

            青松银行在手机银行和客服热线上线智能客服系统，主要功能包括智能问答、工单摘要和风险提示。

            上线后，客服问题解决率达到92%，人工坐席工作量下降35%。
            """,
            """
            {"案例名称": "青松银行智能客服大模型应用案例", "供给方": "云杉智能科技有限公司", "需求方": "青松银行",
             "领域": ["金融"], "应用类型": ["智能客服"], "功能": ["智能问答", "工单摘要", "风险提示"],
             "成果指标": [{"指标": "客服问题解决率", "数值": 92, "单位": "%"}, {"指标": "人工坐席工作量", "数值": 35, "单位": "%"}]}
            """),
        (Hospital,
            """
            # 明湖医院影像辅助诊断案例

            应用单位：明湖医院
            技术提供方：云杉智能科技有限公司

            明湖医院在放射科部署辅助诊断系统，帮助医生阅读CT影像。

            系统的肺结节识别准确率达到96.5%，医生阅片时间缩短40%。
            """,
            """
            {"案例名称": "明湖医院影像辅助诊断案例", "供给方": "云杉智能科技有限公司", "需求方": "明湖医院",
             "领域": ["医疗健康"], "应用类型": ["辅助诊断"],
             "成果指标": [{"指标": "肺结节识别准确率", "数值": 96.5, "单位": "%"}]}
            """),
        (Factory,
            """
            # 远航制造视觉质量检测案例

            应用单位：远航汽车零部件厂
            技术提供方：北辰视觉科技有限公司

            远航汽车零部件厂在生产线上部署视觉检测系统，对零部件表面缺陷进行质量检测。

            缺陷检出率达到99.2%，漏检率下降60%。
            """,
            """
            {"案例名称": "远航制造视觉质量检测案例", "供给方": "北辰视觉科技有限公司", "需求方": "远航汽车零部件厂",
             "领域": ["制造"], "应用类型": ["质量检测"],
             "成果指标": [{"指标": "缺陷检出率", "数值": 99.2, "单位": "%"}]}
            """),
    ];

    [Fact]
    public async Task Extract_filter_count_by_category_and_open_a_value_at_its_evidence()
    {
        await using var model = await ScriptedModelServer.StartAsync();
        model.Chat.Default = request => ChatScript.Reply(Cases.First(c => request.LastUserMessage.Contains(Needle(c.Text), StringComparison.Ordinal)).Record);
        await using var server = await TestServer.StartAsync(settings: ["--Wenjin:Chat:BaseUrl", model.BaseUrl.ToString(), "--Wenjin:Chat:Model", "scripted"]);
        await server.UploadAsync("cases", [.. Cases.Select(c => (c.Name, Encoding.UTF8.GetBytes(c.Text)))]);
        await server.WaitForDocumentsAsync("cases", Cases.Length);
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/");
        await page.Locator("[data-testid=kb-row][data-kb=cases]").ClickAsync();
        await page.Locator("[data-testid=nav-records]").ClickAsync();
        await page.Locator("[data-testid=schema-select]").SelectOptionAsync("application-case");
        await Assertions.Expect(page.Locator("[data-testid=extract-button]")).ToBeEnabledAsync();
        await page.Locator("[data-testid=extract-button]").ClickAsync();

        var count = page.Locator("[data-testid=records-count]");
        await Assertions.Expect(count).ToHaveAttributeAsync("data-total", "3", new() { Timeout = 60_000 });
        await Assertions.Expect(count).ToHaveAttributeAsync("data-shown", "3");
        var rows = page.Locator("[data-testid=record-row]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);

        // Counts by category: one bar per 领域 category, each counting one record.
        var domains = page.Locator("[data-testid=chart][data-field=领域] [data-testid=chart-bar]");
        await Assertions.Expect(domains).ToHaveCountAsync(3);
        foreach (string category in new[] { "金融", "医疗健康", "制造" })
        {
            await Assertions.Expect(page.Locator($"[data-testid=chart][data-field=领域] [data-testid=chart-bar][data-value={category}]")).ToHaveAttributeAsync("data-count", "1");
        }

        await Assertions.Expect(page.Locator("[data-testid=chart][data-field=应用类型] [data-testid=chart-bar]")).ToHaveCountAsync(3);

        // A text filter: two cases were built by the same supplier; the charts follow the filter.
        await page.Locator("[data-testid=filter][data-field=供给方]").FillAsync("云杉");
        await Assertions.Expect(count).ToHaveAttributeAsync("data-shown", "2");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(domains).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator($"[data-testid=record-row][data-source-id='{Factory}']")).ToHaveCountAsync(0);

        // Filters combine: a category select on top of the text filter.
        await page.Locator("[data-testid=filter][data-field=领域]").SelectOptionAsync("医疗健康");
        await Assertions.Expect(count).ToHaveAttributeAsync("data-shown", "1");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-source-id", Hospital);

        // Clicking a bar filters by its category.
        await page.Locator("[data-testid=clear-filters]").ClickAsync();
        await Assertions.Expect(count).ToHaveAttributeAsync("data-shown", "3");
        await page.Locator("[data-testid=chart][data-field=领域] [data-testid=chart-bar][data-value=制造]").ClickAsync();
        await Assertions.Expect(count).ToHaveAttributeAsync("data-shown", "1");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-source-id", Factory);
        await page.Locator("[data-testid=clear-filters]").ClickAsync();
        await Assertions.Expect(count).ToHaveAttributeAsync("data-shown", "3");
        // The screenshot for the README, once the "extracted" toast has gone by itself.
        await Assertions.Expect(page.Locator("[data-testid=toast]")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.Mouse.MoveAsync(0, 0);
        await browser.ScreenshotAsync("records");

        // Every value opens the document at its evidence: the highlight is exactly the stored quote.
        var records = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/cases/records?schema=application-case");
        var bank = records!.Single(r => r.GetProperty("sourceId").GetString() == Bank);
        var evidence = bank.GetProperty("record").GetProperty("fields").GetProperty("需求方").GetProperty("evidence")[0];
        await page.Locator($"[data-testid=record-row][data-source-id='{Bank}'] [data-testid=record-value][data-field=需求方]").ClickAsync();
        var viewer = page.Locator("[data-testid=source-viewer]");
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-doc-id", bank.GetProperty("docId").GetString()!);
        var highlight = viewer.Locator("[data-testid=quote-highlight]");
        await Assertions.Expect(highlight).ToBeVisibleAsync();
        await Assertions.Expect(highlight).ToBeInViewportAsync();
        Assert.Equal(evidence.GetProperty("quote").GetString(), await highlight.TextContentAsync());
        Assert.Contains("青松银行", evidence.GetProperty("quote").GetString(), StringComparison.Ordinal);

        // A metric is a chip "指标 数值单位" that opens its own evidence (the viewer is closed first: it covers the right of the table).
        await page.Locator("[data-testid=source-close]").ClickAsync();
        await Assertions.Expect(viewer).ToHaveCountAsync(0);
        var metric = page.Locator($"[data-testid=record-row][data-source-id='{Factory}'] [data-testid=record-value][data-field=成果指标]").First;
        await Assertions.Expect(metric).ToHaveTextAsync("缺陷检出率 99.2%");
        await metric.ClickAsync();
        await Assertions.Expect(viewer).ToHaveAttributeAsync("data-doc-id", records!.Single(r => r.GetProperty("sourceId").GetString() == Factory).GetProperty("docId").GetString()!);
        await Assertions.Expect(viewer.Locator("[data-testid=quote-highlight]")).ToContainTextAsync("99.2%");

        // The export links point at the export endpoint of the shown schema.
        Assert.Equal("/api/kbs/cases/records/export?schema=application-case&format=xlsx", await page.Locator("[data-testid=export-xlsx]").GetAttributeAsync("href"));
    }

    [Fact]
    public async Task A_brief_shows_cited_sentences_and_a_marker_opens_the_quote()
    {
        await using var server = await TestServer.StartAsync();
        await server.UploadAsync("reports", (TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("reports", 2);
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/");
        await page.Locator("[data-testid=kb-row][data-kb=reports]").ClickAsync();
        await page.Locator("[data-testid=nav-brief]").ClickAsync();
        await page.Locator("[data-testid=brief-topic]").FillAsync("智算中心的算力规模");
        await page.Locator("[data-testid=brief-button]").ClickAsync();
        var sentences = page.Locator("[data-testid=brief-sentence]");
        await Assertions.Expect(sentences.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=brief]")).ToContainTextAsync("5000P");

        var marker = sentences.First.Locator("[data-testid=brief-marker]").First;
        string index = (await marker.GetAttributeAsync("data-index"))!;
        await marker.ClickAsync();
        var highlight = page.Locator("[data-testid=source-viewer] [data-testid=quote-highlight]");
        await Assertions.Expect(highlight).ToBeVisibleAsync();
        string quote = (await page.Locator($"[data-testid=brief-citation][data-index='{index}'] .cite-quote").TextContentAsync())!;
        Assert.Equal(quote, await highlight.TextContentAsync());
        await browser.ScreenshotAsync("brief");
    }

    /// <summary>The line that names the case's applicant: it tells the scripted model which document it was sent.</summary>
    private static string Needle(string text) => text.Split('\n').First(line => line.StartsWith("应用单位：", StringComparison.Ordinal)).Trim();
}
