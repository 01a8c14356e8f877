using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>Plays a <see cref="ChatScript"/> in OpenAI's chat completion wire format (JSON, or server-sent event chunks).</summary>
internal sealed class OpenAiChatPlayer : IChatScriptPlayer
{
    private readonly HttpContext _http;
    private readonly RecordedRequest _record;
    private readonly ScriptedChatRequest _request;
    private readonly string _id;
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly CancellationToken _cancellationToken;

    public OpenAiChatPlayer(HttpContext http, RecordedRequest record, ScriptedChatRequest request, CancellationToken cancellationToken)
    {
        _http = http;
        _record = record;
        _request = request;
        _id = $"chatcmpl-scripted-{record.Sequence}";
        _cancellationToken = cancellationToken;
    }

    private string Model => _request.Model.Length > 0 ? _request.Model : "scripted-chat";

    public async Task PlayAsync(ChatScript script)
    {
        switch (script.Kind)
        {
            case ScriptKind.Status:
                await OpenAiWire.WriteErrorAsync(_http, script.StatusCode, script.Message ?? $"Scripted status {script.StatusCode}.", script.RetryAfterSeconds, _cancellationToken);
                break;
            case ScriptKind.Answer when _request.Stream:
                await OpenAiWire.StartEventStreamAsync(_http, _cancellationToken);
                await WriteChunksAsync(script.Pieces);
                await OpenAiWire.WriteEventAsync(_http, Chunk(null, script.FinishReason), _cancellationToken);
                if (_request.IncludeUsage)
                {
                    await OpenAiWire.WriteEventAsync(_http, UsageChunk(script), _cancellationToken);
                }

                await OpenAiWire.WriteDoneAsync(_http, _cancellationToken);
                break;
            case ScriptKind.Answer:
                await OpenAiWire.WriteJsonAsync(_http, 200, Completion(script), _cancellationToken);
                break;
            case ScriptKind.MalformedJson when _request.Stream:
                await OpenAiWire.StartEventStreamAsync(_http, _cancellationToken);
                await OpenAiWire.WriteRawAsync(_http, $"data: {{\"id\":\"{_id}\",\"object\":\"chat.completion.chunk\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"\n\n", _cancellationToken);
                await OpenAiWire.WriteDoneAsync(_http, _cancellationToken);
                break;
            case ScriptKind.MalformedJson:
                _http.Response.StatusCode = 200;
                _http.Response.ContentType = "application/json";
                await OpenAiWire.WriteRawAsync(_http, $"{{\"id\":\"{_id}\",\"object\":\"chat.completion\",\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"", _cancellationToken);
                break;
            case ScriptKind.Truncated when _request.Stream:
                await OpenAiWire.StartEventStreamAsync(_http, _cancellationToken);
                await WriteChunksAsync(script.Pieces);
                byte[] next = Chunk("…", null);
                await _http.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes("data: "), _cancellationToken);
                await _http.Response.Body.WriteAsync(next.AsMemory(0, next.Length / 2), _cancellationToken);
                await _http.Response.Body.FlushAsync(_cancellationToken);
                await ConnectionCut.CloseAsync(_http, _record, _cancellationToken);
                break;
            case ScriptKind.Truncated:
                byte[] whole = Completion(script);
                _http.Response.StatusCode = 200;
                _http.Response.ContentType = "application/json";
                _http.Response.ContentLength = whole.Length;
                await _http.Response.Body.WriteAsync(whole.AsMemory(0, whole.Length / 2), _cancellationToken);
                await _http.Response.Body.FlushAsync(_cancellationToken);
                await ConnectionCut.CloseAsync(_http, _record, _cancellationToken);
                break;
            case ScriptKind.Stall:
                if (_request.Stream)
                {
                    await OpenAiWire.StartEventStreamAsync(_http, _cancellationToken);
                    await WriteChunksAsync(script.Pieces);
                }

                await Task.Delay(Timeout.Infinite, _cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unexpected script {script}.");
        }
    }

    /// <summary>The role chunk, then one content chunk per piece.</summary>
    private async Task WriteChunksAsync(IReadOnlyList<string> pieces)
    {
        await OpenAiWire.WriteEventAsync(_http, Chunk("", null, role: true), _cancellationToken);
        foreach (string piece in pieces)
        {
            await OpenAiWire.WriteEventAsync(_http, Chunk(piece, null), _cancellationToken);
        }
    }

    private byte[] Completion(ChatScript script)
    {
        string text = string.Concat(script.Pieces);
        return OpenAiWire.Json(w =>
        {
            WriteHeader(w, "chat.completion");
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", text);
            w.WriteEndObject();
            w.WriteNull("logprobs");
            w.WriteString("finish_reason", script.FinishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, script);
            w.WriteEndObject();
        });
    }

    /// <summary>A chunk with one choice: content (null: an empty delta) and finish reason (null until the last).</summary>
    private byte[] Chunk(string? content, string? finishReason, bool role = false) => OpenAiWire.Json(w =>
    {
        WriteHeader(w, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        if (role)
        {
            w.WriteString("role", "assistant");
        }

        if (content is not null)
        {
            w.WriteString("content", content);
        }

        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
        if (_request.IncludeUsage)
        {
            w.WriteNull("usage");
        }

        w.WriteEndObject();
    });

    /// <summary>OpenAI's last chunk when usage is asked for: no choices, the usage of the whole answer.</summary>
    private byte[] UsageChunk(ChatScript script) => OpenAiWire.Json(w =>
    {
        WriteHeader(w, "chat.completion.chunk");
        w.WriteStartArray("choices");
        w.WriteEndArray();
        WriteUsage(w, script);
        w.WriteEndObject();
    });

    private void WriteHeader(Utf8JsonWriter w, string type)
    {
        w.WriteStartObject();
        w.WriteString("id", _id);
        w.WriteString("object", type);
        w.WriteNumber("created", _created);
        w.WriteString("model", Model);
    }

    private void WriteUsage(Utf8JsonWriter w, ChatScript script)
    {
        int prompt = script.PromptTokens ?? _request.Messages.Sum(m => ScriptedTokens.Count(m.Content));
        int completion = script.CompletionTokens ?? ScriptedTokens.Count(string.Concat(script.Pieces));
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", prompt);
        w.WriteNumber("completion_tokens", completion);
        w.WriteNumber("total_tokens", prompt + completion);
        w.WriteEndObject();
    }
}
