using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// A scripted OpenAI-compatible model server over real HTTP on 127.0.0.1 (Kestrel, port chosen by the OS), standing in
/// for vLLM, Ollama, DeepSeek or Qwen in tests: <c>POST /v1/chat/completions</c> (JSON or server-sent events),
/// <c>POST /v1/embeddings</c> and <c>GET /v1/models</c>, answered from <see cref="Chat"/> and <see cref="Embeddings"/>.
/// Every request is recorded in <see cref="Requests"/>. Other paths get 404 and other methods 405, both as OpenAI error
/// bodies, so a wrong base URL fails loudly. Thread-safe. Disposing ends any request still waiting in a script.
/// </summary>
public sealed class ScriptedModelServer : IAsyncDisposable
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private int _disposed;
    private volatile string? _requiredApiKey;
    private volatile IReadOnlyList<string> _models = ["scripted-chat", "scripted-embedding"];

    private ScriptedModelServer()
    {
    }

    /// <summary>"http://127.0.0.1:PORT/v1": the base URL an OpenAI client (or Wenjin's Chat:BaseUrl) takes.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The scripts for chat completions.</summary>
    public ScriptedChat Chat { get; } = new();

    /// <summary>The scripts for embeddings.</summary>
    public ScriptedEmbeddings Embeddings { get; } = new();

    /// <summary>The model ids <c>GET /v1/models</c> lists (not checked against requests' "model").</summary>
    public IReadOnlyList<string> Models
    {
        get => _models;
        set => _models = [.. value ?? throw new ArgumentNullException(nameof(value))];
    }

    /// <summary>
    /// When set, a request whose Authorization is not "Bearer {key}" gets 401 (code "invalid_api_key") and takes no
    /// script; when null (the default) any key or none is accepted.
    /// </summary>
    public string? RequiredApiKey
    {
        get => _requiredApiKey;
        set => _requiredApiKey = value;
    }

    /// <summary>Every request received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The recorded requests to <c>/v1/chat/completions</c> (a snapshot), e.g. to count retries.</summary>
    public IReadOnlyList<RecordedRequest> ChatRequests => [.. Requests.Where(r => Is(r.Path, "/v1/chat/completions"))];

    /// <summary>The recorded requests to <c>/v1/embeddings</c> (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> EmbeddingRequests => [.. Requests.Where(r => Is(r.Path, "/v1/embeddings"))];

    /// <summary>Starts a server on 127.0.0.1 with an OS-chosen port; nothing is scripted yet.</summary>
    public static async Task<ScriptedModelServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new ScriptedModelServer();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server._app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(new Uri(address), "/v1");
        return server;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests have been received, and returns them.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_requests)
        {
            if (_requests.Count >= count)
            {
                return [.. _requests];
            }

            _waiters.Add((count, signal));
        }

        await signal.Task.WaitAsync(cancellationToken);
        return Requests;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _stopping.Token);
        var cancellationToken = linked.Token;
        RecordedRequest? record = null;
        try
        {
            record = await RecordAsync(http, cancellationToken);
            await AnswerAsync(http, record, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && cancellationToken.IsCancellationRequested)
        {
            // The client went away (or the server is stopping) while a script waited or wrote: nothing more to send.
            if (record is not null)
            {
                record.Aborted = true;
            }

            http.Abort();
        }
        finally
        {
            if (record is not null)
            {
                if (http.RequestAborted.IsCancellationRequested)
                {
                    record.Aborted = true;
                }

                record.StatusCode = http.Response.HasStarted || !record.Aborted ? http.Response.StatusCode : 0;
            }
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext http, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        string raw = await reader.ReadToEndAsync(cancellationToken);
        JsonElement? body = null;
        if (raw.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(raw);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Recorded as RawBody only; the endpoint answers 400.
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in http.Request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        string path = http.Request.Path.Value ?? "/";
        bool post = HttpMethods.IsPost(http.Request.Method);
        RecordedRequest record;
        lock (_requests)
        {
            record = new RecordedRequest(_requests.Count + 1, http.Request.Method, path, headers, raw, body)
            {
                Chat = post && Is(path, "/v1/chat/completions") && body is { } c ? ScriptedChatRequest.TryRead(c, out _) : null,
                Embedding = post && Is(path, "/v1/embeddings") && body is { } e ? ScriptedEmbeddingRequest.TryRead(e, out _) : null,
            };
            _requests.Add(record);
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_requests.Count >= _waiters[i].Count)
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        return record;
    }

    private async Task AnswerAsync(HttpContext http, RecordedRequest record, CancellationToken cancellationToken)
    {
        string path = record.Path;
        bool chat = Is(path, "/v1/chat/completions"), embeddings = Is(path, "/v1/embeddings"), models = Is(path, "/v1/models");
        if (!chat && !embeddings && !models)
        {
            await OpenAiWire.WriteErrorAsync(http, 404, $"The scripted model server has no endpoint {record.Method} {path} (the base URL should end in /v1).", null, cancellationToken);
            return;
        }

        string method = models ? HttpMethods.Get : HttpMethods.Post;
        if (!string.Equals(record.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.Allow = method;
            await OpenAiWire.WriteErrorAsync(http, 405, $"{path} takes {method}, not {record.Method}.", null, cancellationToken);
            return;
        }

        if (RequiredApiKey is { } key && record.Authorization != "Bearer " + key)
        {
            await OpenAiWire.WriteErrorAsync(http, 401, $"Incorrect API key provided: {(record.Authorization is null ? "no Authorization header" : "\"" + record.Authorization + "\"")}.", null, cancellationToken);
            return;
        }

        if (models)
        {
            await WriteModelsAsync(http, cancellationToken);
            return;
        }

        if (record.Body is not { } body)
        {
            await OpenAiWire.WriteErrorAsync(http, 400, record.RawBody.Length == 0 ? "The request has no body." : "The request body is not valid JSON.", null, cancellationToken);
            return;
        }

        if (chat)
        {
            if (record.Chat is not { } request)
            {
                ScriptedChatRequest.TryRead(body, out string? error);
                await OpenAiWire.WriteErrorAsync(http, 400, error!, null, cancellationToken);
                return;
            }

            await new ChatResponder(http, record, request, Chat.Default, cancellationToken).RunAsync(Chat.Dequeue());
        }
        else
        {
            if (record.Embedding is not { } request)
            {
                ScriptedEmbeddingRequest.TryRead(body, out string? error);
                await OpenAiWire.WriteErrorAsync(http, 400, error!, null, cancellationToken);
                return;
            }

            await new EmbeddingResponder(http, request, Embeddings.Default, cancellationToken).RunAsync(Embeddings.Dequeue());
        }
    }

    private Task WriteModelsAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var models = Models;
        byte[] body = OpenAiWire.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (string id in models)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("object", "model");
                w.WriteNumber("created", 0);
                w.WriteString("owned_by", "wenjin-scripted");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return OpenAiWire.WriteJsonAsync(http, 200, body, cancellationToken);
    }

    private static bool Is(string path, string endpoint) =>
        string.Equals(path.TrimEnd('/'), endpoint, StringComparison.OrdinalIgnoreCase);
}
