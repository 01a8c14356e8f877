using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;

namespace Wenjin.Server.Tests.EndToEnd;

/// <summary>
/// The web UI under the server's strict Content-Security-Policy (script-src 'self', style-src 'self'): no page may
/// trip it, and a hostile uploaded document is only ever shown as text, in the viewer and from a citation.
/// </summary>
public sealed class SecurityUiTests
{
    /// <summary>Records every securitypolicyviolation event of a page in window.__cspViolations (the init script is not subject to the policy).</summary>
    private const string ViolationRecorder =
        "window.__cspViolations = [];" +
        "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber), true);";

    private static readonly string HostileHtml =
        """
        <!doctype html>
        <html>
        <head>
          <title>差旅报销须知</title>
          <script>window.__pwned = 1;</script>
        </head>
        <body onload="window.__pwned = 4">
          <h1>差旅报销须知</h1>
          <p>员工出差的住宿费标准为每人每晚不超过八百元，报销时须提供正规发票。</p>
          <img src="x" onerror="window.__pwned = 2">
          <p>报销流程见<a href="javascript:window.__pwned = 3">财务制度说明</a>，逾期三十天不予受理。</p>
          <script>alert('pwned');</script>
        </body>
        </html>
        """;

    [Fact]
    public async Task Every_page_loads_without_a_content_security_policy_violation()
    {
        await using var server = await TestServer.StartAsync();
        await server.UploadAsync("reports", (TestData.ReportName, TestData.Report), (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("reports", 2);
        (await server.Client.PostAsJsonAsync("/api/users", new { user = "reader", password = "reader-password-1", role = "member" })).EnsureSuccessStatusCode();
        (await server.Client.PostAsJsonAsync("/api/kbs/reports/members", new { user = "reader", role = "viewer", mayDownload = true })).EnsureSuccessStatusCode();
        (await server.Client.PostAsJsonAsync("/api/keys", new { name = "nightly" })).EnsureSuccessStatusCode();

        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;
        var console = browser.RecordConsole();
        await page.AddInitScriptAsync(ViolationRecorder);
        var violations = new List<string>();

        async Task VisitAsync(string url, string ready, Func<Task>? act = null)
        {
            await page.GotoAsync("about:blank");
            await page.GotoAsync(url);
            await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
            if (act is not null)
            {
                await act();
            }

            violations.AddRange((await page.EvaluateAsync<string[]>("() => window.__cspViolations || []")).Select(v => $"{url}: {v}"));
        }

        await VisitAsync("/#/kbs", "[data-testid=kb-row][data-kb=reports]", async () =>
        {
            await page.Locator("[data-testid=user-menu]").ClickAsync();
            await page.Locator("[data-testid=menu-password]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=password-dialog]")).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
        });
        await VisitAsync("/#/kb/reports/documents", "[data-testid=doc-row][data-status=indexed]", async () =>
        {
            await page.Locator("[data-testid=doc-open]").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=source-text]")).ToBeVisibleAsync();
        });
        await VisitAsync("/#/kb/reports/chat", "[data-testid=question-input]", async () =>
        {
            await page.Locator("[data-testid=question-input]").FillAsync("一线城市住宿费标准是多少？");
            await page.Locator("[data-testid=ask-button]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=answer][data-done=true]").Last).ToBeVisibleAsync();
        });
        await VisitAsync("/#/kb/reports/search", "[data-testid=search-input]", async () =>
        {
            await page.Locator("[data-testid=search-input]").FillAsync("有效算力");
            await page.Locator("[data-testid=search-button]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=search-hit]").First).ToBeVisibleAsync();
        });
        await VisitAsync("/#/kb/reports/records", "[data-testid=schema-select]");
        await VisitAsync("/#/kb/reports/brief", "[data-testid=brief-topic]");
        await VisitAsync("/#/kb/reports/members", "[data-testid=member-row][data-principal=reader]");
        await VisitAsync("/#/admin/users", "[data-testid=user-row][data-user=reader]");
        await VisitAsync("/#/admin/audit", "[data-testid=audit-row]");
        await VisitAsync("/#/keys", "[data-testid=key-row]");
        await VisitAsync("/api-docs", ".swagger-ui .info");

        var reported = console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(reported.Count == 0 && violations.Count == 0,
            "Content-Security-Policy violations:\n" + string.Join("\n", reported.Concat(violations)));
    }

    [Fact]
    public async Task A_hostile_html_document_is_only_ever_text_in_the_viewer_and_from_a_citation()
    {
        await using var server = await TestServer.StartAsync();
        await server.UploadAsync("hostile", ("travel.html", Encoding.UTF8.GetBytes(HostileHtml)));
        var documents = await server.WaitForDocumentsAsync("hostile", 1);
        Assert.Equal("indexed", documents[0].GetProperty("status").GetString());

        await using var browser = await BrowserSession.StartAsync(server);
        var page = browser.Page;
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add(dialog.Message);
            }

            _ = dialog.DismissAsync();
        };

        await page.GotoAsync("/#/kb/hostile/documents");
        await page.Locator("[data-testid=doc-row][data-status=indexed] [data-testid=doc-open]").ClickAsync();
        var viewer = page.Locator("[data-testid=source-viewer]");
        await Assertions.Expect(viewer.Locator("[data-testid=source-text]")).ToContainTextAsync("八百元");
        await AssertInertAsync(page, dialogs);
        await page.Locator("[data-testid=source-close]").ClickAsync();

        await page.Locator("[data-testid=nav-chat]").ClickAsync();
        await page.Locator("[data-testid=question-input]").FillAsync("出差住宿费每晚不超过多少？");
        await page.Locator("[data-testid=ask-button]").ClickAsync();
        var answer = page.Locator("[data-testid=answer][data-done=true]").Last;
        await Assertions.Expect(answer).ToHaveAttributeAsync("data-refused", "false");
        await answer.Locator("[data-testid=citation-marker][data-index='1']").First.ClickAsync();
        await Assertions.Expect(viewer.Locator("[data-testid=quote-highlight]")).ToBeVisibleAsync();
        await AssertInertAsync(page, dialogs);
    }

    private static async Task AssertInertAsync(IPage page, List<string> dialogs)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "a script of the document ran");
        Assert.Equal(0, await page.Locator("[data-testid=source-viewer] script, [data-testid=source-viewer] img, [data-testid=source-viewer] a[href^='javascript:' i]").CountAsync());
        Assert.Equal(0, await page.Locator("a[href^='javascript:' i], [onerror], [onload]").CountAsync());
        lock (dialogs)
        {
            Assert.Empty(dialogs);
        }
    }
}
