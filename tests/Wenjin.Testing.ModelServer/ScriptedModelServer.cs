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
/// A scripted model server over real HTTP on 127.0.0.1 (Kestrel, port chosen by the OS), standing in for vLLM, Ollama,
/// DeepSeek, Qwen or a reranker in tests. OpenAI-compatible under <see cref="BaseUrl"/>: <c>POST /v1/chat/completions</c>
/// (JSON or server-sent events), <c>POST /v1/embeddings</c>, <c>POST /v1/rerank</c> and <c>GET /v1/models</c>; native
/// at <see cref="RootUrl"/>: Ollama's <c>POST /api/chat</c> (JSON or NDJSON) and <c>POST /api/embed</c>, and
/// <c>POST /rerank</c>. Chat, embeddings and rerank requests are answered from <see cref="Chat"/>,
/// <see cref="Embeddings"/> and <see cref="Rerank"/> whatever their wire format. Every request is recorded in
/// <see cref="Requests"/>. Other paths get 404 (an OpenAI error body) and other methods 405, so a wrong base URL fails
/// loudly. Thread-safe. Disposing ends any request still waiting in a script.
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

    /// <summary>"http://127.0.0.1:PORT/": the root an Ollama client or a text-embeddings-inference client takes.</summary>
    public Uri RootUrl { get; private set; } = null!;

    /// <summary>The scripts for chat completions.</summary>
    public ScriptedChat Chat { get; } = new();

    /// <summary>The scripts for embeddings.</summary>
    public ScriptedEmbeddings Embeddings { get; } = new();

    /// <summary>The scripts for reranking.</summary>
    public ScriptedRerank Rerank { get; } = new();

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

    /// <summary>The recorded requests to <c>/v1/chat/completions</c> and <c>/api/chat</c> (a snapshot), e.g. to count retries.</summary>
    public IReadOnlyList<RecordedRequest> ChatRequests => [.. Requests.Where(r => EndpointOf(r.Path) is Endpoint.Chat or Endpoint.OllamaChat)];

    /// <summary>The recorded requests to <c>/v1/embeddings</c> and <c>/api/embed</c> (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> EmbeddingRequests => [.. Requests.Where(r => EndpointOf(r.Path) is Endpoint.Embeddings or Endpoint.OllamaEmbed)];

    /// <summary>The recorded requests to <c>/v1/rerank</c> and <c>/rerank</c> (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> RerankRequests => [.. Requests.Where(r => EndpointOf(r.Path) == Endpoint.Rerank)];

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
        server.RootUrl = new Uri(new Uri(address), "/");
        server.BaseUrl = new Uri(server.RootUrl, "/v1");
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
        var json = body.GetValueOrDefault();
        var endpoint = HttpMethods.IsPost(http.Request.Method) && body is not null ? EndpointOf(path) : Endpoint.None;
        RecordedRequest record;
        lock (_requests)
        {
            record = new RecordedRequest(_requests.Count + 1, http.Request.Method, path, headers, raw, body)
            {
                Chat = endpoint is Endpoint.Chat or Endpoint.OllamaChat ? ScriptedChatRequest.TryRead(json, endpoint == Endpoint.OllamaChat, out _) : null,
                Embedding = endpoint is Endpoint.Embeddings or Endpoint.OllamaEmbed ? ScriptedEmbeddingRequest.TryRead(json, out _) : null,
                Rerank = endpoint == Endpoint.Rerank ? ScriptedRerankRequest.TryRead(json, out _) : null,
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
        var endpoint = EndpointOf(path);
        if (endpoint == Endpoint.None)
        {
            await OpenAiWire.WriteErrorAsync(http, 404, $"The scripted model server has no endpoint {record.Method} {path} (an OpenAI client's base URL ends in /v1; Ollama's and text-embeddings-inference's is the root).", null, cancellationToken);
            return;
        }

        string method = endpoint == Endpoint.Models ? HttpMethods.Get : HttpMethods.Post;
        if (!string.Equals(record.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.Allow = method;
            await ErrorResponses.WriteAsync(http, 405, $"{path} takes {method}, not {record.Method}.", null, cancellationToken);
            return;
        }

        if (RequiredApiKey is { } key && record.Authorization != "Bearer " + key)
        {
            await ErrorResponses.WriteAsync(http, 401, $"Incorrect API key provided: {(record.Authorization is null ? "no Authorization header" : "\"" + record.Authorization + "\"")}.", null, cancellationToken);
            return;
        }

        if (endpoint == Endpoint.Models)
        {
            await WriteModelsAsync(http, cancellationToken);
            return;
        }

        if (record.Body is not { } body)
        {
            await ErrorResponses.WriteAsync(http, 400, record.RawBody.Length == 0 ? "The request has no body." : "The request body is not valid JSON.", null, cancellationToken);
            return;
        }

        string? error = null;
        switch (endpoint)
        {
            case Endpoint.Chat or Endpoint.OllamaChat when record.Chat is { } request:
                IChatScriptPlayer player = endpoint == Endpoint.OllamaChat
                    ? new OllamaChatPlayer(http, record, request, cancellationToken)
                    : new OpenAiChatPlayer(http, record, request, cancellationToken);
                await new ChatResponder(http, request, Chat.Default, player, cancellationToken).RunAsync(Chat.Dequeue());
                return;
            case Endpoint.Chat or Endpoint.OllamaChat:
                ScriptedChatRequest.TryRead(body, endpoint == Endpoint.OllamaChat, out error);
                break;
            case Endpoint.Embeddings or Endpoint.OllamaEmbed when record.Embedding is { } request:
                await new EmbeddingResponder(http, request, Embeddings.Default, endpoint == Endpoint.OllamaEmbed, cancellationToken).RunAsync(Embeddings.Dequeue());
                return;
            case Endpoint.Embeddings or Endpoint.OllamaEmbed:
                ScriptedEmbeddingRequest.TryRead(body, out error);
                break;
            case Endpoint.Rerank when record.Rerank is { } request:
                await new RerankResponder(http, record, request, Rerank.Default, cancellationToken).RunAsync(Rerank.Dequeue());
                return;
            case Endpoint.Rerank:
                ScriptedRerankRequest.TryRead(body, out error);
                break;
        }

        await ErrorResponses.WriteAsync(http, 400, error!, null, cancellationToken);
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

    private static Endpoint EndpointOf(string path) => path.TrimEnd('/').ToLowerInvariant() switch
    {
        "/v1/chat/completions" => Endpoint.Chat,
        "/v1/embeddings" => Endpoint.Embeddings,
        "/v1/models" => Endpoint.Models,
        "/v1/rerank" or "/rerank" => Endpoint.Rerank,
        "/api/chat" => Endpoint.OllamaChat,
        "/api/embed" => Endpoint.OllamaEmbed,
        _ => Endpoint.None,
    };
}
