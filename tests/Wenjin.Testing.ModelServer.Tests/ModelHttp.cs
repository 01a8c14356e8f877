using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wenjin.Testing.ModelServer.Tests;

/// <summary>Plain HttpClient calls to a scripted server, as an OpenAI-compatible, Ollama or rerank client makes them.</summary>
internal static class ModelHttp
{
    public static HttpClient Client(TimeSpan? timeout = null) => new() { Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>POSTs <paramref name="json"/> to BaseUrl + "/" + <paramref name="endpoint"/> with "Bearer k".</summary>
    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, ScriptedModelServer server, string endpoint, string json, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url(server, endpoint))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "k");
        return client.SendAsync(request, completion);
    }

    public static Uri Url(ScriptedModelServer server, string endpoint) => new(server.BaseUrl + "/" + endpoint);

    /// <summary>POSTs <paramref name="json"/> to RootUrl + <paramref name="path"/> (e.g. "api/chat"), without a key, as Ollama clients do.</summary>
    public static Task<HttpResponseMessage> PostRootAsync(this HttpClient client, ScriptedModelServer server, string path, string json, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.RootUrl, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return client.SendAsync(request, completion);
    }

    /// <summary>An Ollama /api/chat body with one system and one user message; "stream" left out when null (Ollama then streams).</summary>
    public static string OllamaChatBody(string user, bool? stream, string model = "qwen2.5:7b") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = model,
            ["messages"] = new object[]
            {
                new Dictionary<string, string> { ["role"] = "system", ["content"] = "只根据资料回答。" },
                new Dictionary<string, string> { ["role"] = "user", ["content"] = user },
            },
            ["options"] = new Dictionary<string, object> { ["temperature"] = 0.2, ["num_predict"] = 64 },
        }.Concat(stream is { } s ? [new KeyValuePair<string, object?>("stream", s)] : []).ToDictionary());

    /// <summary>Reads an NDJSON body to its end: each line parsed as JSON, in order (no empty lines allowed).</summary>
    public static async Task<List<JsonElement>> ReadLinesAsync(this HttpResponseMessage response)
    {
        var lines = new List<JsonElement>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            lines.Add(document.RootElement.Clone());
        }

        return lines;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>A chat request body with one system and one user message.</summary>
    public static string ChatBody(string user, bool stream = false, bool includeUsage = false, string model = "qwen2.5-7b-instruct") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["model"] = model,
            ["messages"] = new object[]
            {
                new Dictionary<string, string> { ["role"] = "system", ["content"] = "只根据资料回答。" },
                new Dictionary<string, string> { ["role"] = "user", ["content"] = user },
            },
            ["stream"] = stream,
            ["stream_options"] = includeUsage ? new Dictionary<string, bool> { ["include_usage"] = true } : null,
        });

    /// <summary>Reads an event stream to its end: the payload of each "data: " line, in order.</summary>
    public static async Task<List<string>> ReadEventsAsync(this HttpResponseMessage response)
    {
        var events = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
            else
            {
                Assert.Equal("", line);
            }
        }

        return events;
    }

    /// <summary>Polls <paramref name="condition"/> for up to 20 s (for state the server sets after the client has gone).</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for: " + what);
            await Task.Delay(10);
        }
    }
}
