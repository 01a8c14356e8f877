using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Wenjin.Server.Tests.EndToEnd;

/// <summary>
/// The product as a user meets it: a real server on 127.0.0.1 and the web UI in headless Chromium. Elements are found by
/// their data-testid hooks (see ClientApp), never by layout or wording.
/// </summary>
public sealed class UiFlowTests
{
    [Fact]
    public async Task Upload_two_files_and_watch_them_reach_indexed()
    {
        await using var server = await TestServer.StartAsync();
        await server.Client.PostAsJsonAsync("/api/kbs", new { name = "e2e", description = "端到端测试" });
        string folder = WriteFiles((TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy));
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/");
        await page.Locator("[data-testid=kb-row][data-kb=e2e]").ClickAsync();
        await page.Locator("[data-testid=upload-input]").SetInputFilesAsync([Path.Combine(folder, TestData.ReportName), Path.Combine(folder, TestData.PolicyName)]);

        foreach (string name in new[] { TestData.ReportName, TestData.PolicyName })
        {
            var row = page.Locator($"[data-testid=doc-row][data-source-id='{name}']").First;
            await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "indexed", new() { Timeout = 60_000 });
        }

        await browser.ScreenshotAsync("documents");
        var documents = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/kbs/e2e/documents");
        Assert.Equal(2, documents!.Length);
        Assert.All(documents, d => Assert.Equal("indexed", d.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Ask_then_click_a_citation_to_see_the_quote_highlighted_in_its_document()
    {
        await using var server = await StartWithDocumentsAsync();
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await OpenChatAsync(page);
        await page.Locator("[data-testid=question-input]").FillAsync("一线城市住宿费标准是多少？");
        await page.Locator("[data-testid=ask-button]").ClickAsync();
        var answer = page.Locator("[data-testid=answer][data-done=true]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-refused", "false");
        await Assertions.Expect(answer).ToContainTextAsync("600元");

        await answer.Locator("[data-testid=citation-marker][data-index='1']").First.ClickAsync();
        var viewer = page.Locator("[data-testid=source-viewer]");
        await Assertions.Expect(viewer).ToBeVisibleAsync();
        var highlight = viewer.Locator("[data-testid=quote-highlight]");
        await Assertions.Expect(highlight).ToBeVisibleAsync();
        await Assertions.Expect(highlight).ToBeInViewportAsync();

        // The highlighted text is exactly the cited quote.
        var ask = await (await server.Client.PostAsJsonAsync("/api/kbs/reports/ask", new { question = "一线城市住宿费标准是多少？" })).Content.ReadFromJsonAsync<JsonElement>();
        string quote = ask.GetProperty("citations")[0].GetProperty("quote").GetString()!;
        Assert.Equal(Squash(quote), Squash(await highlight.InnerTextAsync()));
        await browser.ScreenshotAsync("chat-citation");
    }

    [Fact]
    public async Task An_unanswerable_question_is_shown_as_a_refusal_with_the_closest_passages()
    {
        await using var server = await StartWithDocumentsAsync();
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await OpenChatAsync(page);
        await page.Locator("[data-testid=question-input]").FillAsync("公司食堂几点开门？");
        await page.Locator("[data-testid=ask-button]").ClickAsync();
        var answer = page.Locator("[data-testid=answer][data-done=true]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-refused", "true");
        await Assertions.Expect(page.Locator("[data-testid=closest-passages]").Last).ToBeVisibleAsync();
        Assert.Equal(0, await answer.Locator("[data-testid=citation-marker]").CountAsync());
        await browser.ScreenshotAsync("chat-refusal");
    }

    [Fact]
    public async Task Hit_testing_shows_ranked_chunks_with_the_explanation_of_each_score()
    {
        await using var server = await StartWithDocumentsAsync();
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/");
        await page.Locator("[data-testid=kb-row][data-kb=reports]").ClickAsync();
        await page.Locator("[data-testid=nav-search]").ClickAsync();
        await page.Locator("[data-testid=search-input]").FillAsync("有效算力");
        await page.Locator("[data-testid=search-button]").ClickAsync();
        var hits = page.Locator("[data-testid=search-hit]");
        await Assertions.Expect(hits.First).ToContainTextAsync("92%");
        await hits.First.Locator("[data-testid=explain-toggle]").ClickAsync();
        await Assertions.Expect(hits.First.Locator("[data-testid=explanation]")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("search");
    }

    [Fact]
    public async Task The_language_toggle_switches_the_interface_to_english()
    {
        await using var server = await StartWithDocumentsAsync();
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^zh"));
        await page.Locator("[data-testid=lang-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^en"));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^en"));
    }

    [Fact]
    public async Task With_a_model_the_answer_shows_what_verification_removed()
    {
        await using var model = await Wenjin.Testing.ModelServer.ScriptedModelServer.StartAsync();
        model.Chat.Default = _ => Wenjin.Testing.ModelServer.ChatScript.Stream("一线城市住宿费标准为每人每晚不超过600元。", "[1]", "其他城市为450元。", "[1]");
        await using var server = await TestServer.StartAsync(settings: ["--Wenjin:Chat:BaseUrl", model.BaseUrl.ToString(), "--Wenjin:Chat:Model", "scripted", "--Wenjin:Chat:Passages", "1"]);
        await server.UploadAsync("reports", (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("reports", 1);
        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;

        await OpenChatAsync(page);
        await page.Locator("[data-testid=question-input]").FillAsync("一线城市住宿费标准是多少？");
        await page.Locator("[data-testid=ask-button]").ClickAsync();
        var answer = page.Locator("[data-testid=answer][data-done=true]").Last;
        await Assertions.Expect(answer).ToContainTextAsync("600元");
        await Assertions.Expect(answer.Locator("[data-testid=verification]")).ToBeVisibleAsync();
        Assert.DoesNotContain("450元", await answer.Locator("[data-testid=answer-text]").InnerTextAsync(), StringComparison.Ordinal);
        await answer.Locator("[data-testid=verification] summary").ClickAsync();
        await Assertions.Expect(answer.Locator("[data-testid=verification]")).ToContainTextAsync("450");
        await browser.ScreenshotAsync("chat-verified");
    }

    private static async Task OpenChatAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.Locator("[data-testid=kb-row][data-kb=reports]").ClickAsync();
        await page.Locator("[data-testid=nav-chat]").ClickAsync();
    }

    private static async Task<TestServer> StartWithDocumentsAsync()
    {
        var server = await TestServer.StartAsync();
        await server.UploadAsync("reports", (TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("reports", 2);
        return server;
    }

    private static string WriteFiles(params (string Name, byte[] Content)[] files)
    {
        string folder = Path.Combine(Path.GetTempPath(), "wenjin-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (name, content) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, name), content);
        }

        return folder;
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
