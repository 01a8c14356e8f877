using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Wenjin.Server.Tests.EndToEnd;

/// <summary>
/// Headless Debian Chromium (/usr/bin/chromium, installed by ./test.sh) driven by Playwright, with a fresh profile and
/// the flags that keep it off the network; one page at 1400×900. Playwright never downloads a browser here.
/// Screenshots go to artifacts/screenshots beside the test assembly (./test.sh copies them to the repository's artifacts/).
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    /// <summary>A browser signed in with the test server's administrator session.</summary>
    public static async Task<BrowserSession> StartAsync(TestServer server, string language = "zh")
    {
        ArgumentNullException.ThrowIfNull(server);
        var session = await StartAsync(server.BaseAddress, language);
        var cookies = server.AdminCookies.GetCookies(server.BaseAddress)
            .Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = server.BaseAddress.Host, Path = "/", HttpOnly = true, SameSite = SameSiteAttribute.Strict })
            .ToArray();
        await session.Page.Context.AddCookiesAsync(cookies);
        return session;
    }

    /// <summary>A browser that is not signed in.</summary>
    public static async Task<BrowserSession> StartAsync(Uri baseAddress, string language = "zh")
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run ./test.sh (it installs the Debian package 'chromium') or apt-get install chromium.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = language == "zh" ? "zh-CN" : "en-US",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(playwright, browser, page);
    }

    /// <summary>
    /// Records the page's console from now on as "type: text" lines, including what the browser itself reports there
    /// (Content-Security-Policy violations among them); the returned collection fills as messages arrive.
    /// </summary>
    public IReadOnlyCollection<string> RecordConsole()
    {
        var messages = new ConcurrentQueue<string>();
        Page.Console += (_, message) => messages.Enqueue($"{message.Type}: {message.Text}");
        return messages;
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = false });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
