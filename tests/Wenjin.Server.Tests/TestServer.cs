using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Wenjin.Hosting.Json;

namespace Wenjin.Server.Tests;

/// <summary>
/// A real Wenjin server on 127.0.0.1 (Kestrel, port chosen by the OS) over a fresh temporary data directory, with
/// accounts on (the default) and an HttpClient signed in as the first administrator. Extra arguments are configuration
/// (e.g. "--Wenjin:MaxFileBytes", "1000"); rate limits are off unless a test sets them.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsData;

    /// <summary>The first administrator's password in every test server.</summary>
    public const string AdminPassword = "admin-password-1";

    private readonly List<HttpClient> _clients = [];

    private TestServer(WebApplication app, string data, bool ownsData)
    {
        _app = app;
        Data = data;
        _ownsData = ownsData;
        BaseAddress = new Uri(app.Urls.First(u => u.StartsWith("http://127.0.0.1", StringComparison.Ordinal)));
        Client = NewClient(out var cookies);
        AdminCookies = cookies;
    }

    /// <summary>The session cookies of <see cref="Client"/> (signed in as "admin" when accounts are on), for a browser.</summary>
    public CookieContainer AdminCookies { get; }

    public static JsonSerializerOptions Json => WenjinJson.Options;

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string Data { get; }

    /// <summary>Starts a server; <paramref name="data"/> reuses a data directory (which the caller then owns), else a new one.</summary>
    public static async Task<TestServer> StartAsync(string? data = null, bool demo = false, params string[] settings)
    {
        bool owns = data is null;
        data ??= Path.Combine(Path.GetTempPath(), "wenjin-server-" + Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--urls", "http://127.0.0.1:0", "--Wenjin:Data", data, "--Wenjin:Demo", demo ? "true" : "false", "--Logging:LogLevel:Default", "Warning",
            "--Wenjin:Admin:Password", AdminPassword, "--Wenjin:RateLimits:RequestsPerMinute", "0", .. settings,
        ];
        var app = WenjinServer.Create(args);
        await app.StartAsync();
        var server = new TestServer(app, data, owns);
        if (!args.Contains("--Wenjin:Accounts:Enabled"))
        {
            await server.SignInAsync(server.Client, "admin", AdminPassword);
        }

        return server;
    }

    /// <summary>A new client with its own cookies, not signed in.</summary>
    public HttpClient NewClient() => NewClient(out _);

    /// <summary>A new client signed in as <paramref name="user"/>.</summary>
    public async Task<HttpClient> ClientForAsync(string user, string password)
    {
        var client = NewClient();
        await SignInAsync(client, user, password);
        return client;
    }

    /// <summary>A new client that sends <paramref name="key"/> as a bearer token (and keeps no cookies).</summary>
    public HttpClient ClientWithKey(string key)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private HttpClient NewClient(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        _clients.Add(client);
        return client;
    }

    private async Task SignInAsync(HttpClient client, string user, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { user, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Signing in as {user} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Polls the document list until <paramref name="count"/> documents are indexed or failed (nothing queued).</summary>
    public async Task<JsonElement[]> WaitForDocumentsAsync(string kb, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var documents = await Client.GetFromJsonAsync<JsonElement[]>($"/api/kbs/{Uri.EscapeDataString(kb)}/documents", Json);
            if (documents!.Length >= count && documents.All(d => d.GetProperty("status").GetString() is "indexed" or "failed"))
            {
                return documents;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Documents did not finish: {JsonSerializer.Serialize(documents)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Uploads files (name, UTF-8 text or bytes) in one multipart request.</summary>
    public Task<HttpResponseMessage> UploadAsync(string kb, params (string Name, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "file", name);
        }

        return Client.PostAsync($"/api/kbs/{Uri.EscapeDataString(kb)}/documents", form);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsData)
        {
            TestData.DeleteDirectory(Data);
        }
    }
}
