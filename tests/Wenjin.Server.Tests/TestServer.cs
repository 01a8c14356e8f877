using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Wenjin.Hosting.Json;

namespace Wenjin.Server.Tests;

/// <summary>
/// A real Wenjin server on 127.0.0.1 (Kestrel, port chosen by the OS) over a fresh temporary data directory, with an
/// HttpClient pointed at it. Extra arguments are configuration (e.g. "--Wenjin:MaxFileBytes", "1000").
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsData;

    private TestServer(WebApplication app, string data, bool ownsData)
    {
        _app = app;
        Data = data;
        _ownsData = ownsData;
        BaseAddress = new Uri(app.Urls.First(u => u.StartsWith("http://127.0.0.1", StringComparison.Ordinal)));
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public static JsonSerializerOptions Json => WenjinJson.Options;

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string Data { get; }

    /// <summary>Starts a server; <paramref name="data"/> reuses a data directory (which the caller then owns), else a new one.</summary>
    public static async Task<TestServer> StartAsync(string? data = null, bool demo = false, params string[] settings)
    {
        bool owns = data is null;
        data ??= Path.Combine(Path.GetTempPath(), "wenjin-server-" + Guid.NewGuid().ToString("N"));
        string[] args = ["--urls", "http://127.0.0.1:0", "--Wenjin:Data", data, "--Wenjin:Demo", demo ? "true" : "false", "--Logging:LogLevel:Default", "Warning", .. settings];
        var app = WenjinServer.Create(args);
        await app.StartAsync();
        return new TestServer(app, data, owns);
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
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsData)
        {
            TestData.DeleteDirectory(Data);
        }
    }
}
