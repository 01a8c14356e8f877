using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// Plays a <see cref="ChatScript"/> in Ollama's <c>/api/chat</c> wire format: without streaming one JSON object with
/// the whole message and <c>done: true</c>; with streaming (Ollama's default) one NDJSON line per piece
/// (<c>message.content</c>, <c>done: false</c>), then a final line with empty content, <c>done: true</c>,
/// <c>done_reason</c> and the token counts <c>prompt_eval_count</c> / <c>eval_count</c>. Durations are reported as 0.
/// </summary>
internal sealed class OllamaChatPlayer : IChatScriptPlayer
{
    private readonly HttpContext _http;
    private readonly RecordedRequest _record;
    private readonly ScriptedChatRequest _request;
    private readonly string _createdAt = DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture);
    private readonly CancellationToken _cancellationToken;

    public OllamaChatPlayer(HttpContext http, RecordedRequest record, ScriptedChatRequest request, CancellationToken cancellationToken)
    {
        _http = http;
        _record = record;
        _request = request;
        _cancellationToken = cancellationToken;
    }

    private string Model => _request.Model.Length > 0 ? _request.Model : "scripted-chat";

    public async Task PlayAsync(ChatScript script)
    {
        switch (script.Kind)
        {
            case ScriptKind.Status:
                await RootWire.WriteErrorAsync(_http, script.StatusCode, script.Message ?? $"Scripted status {script.StatusCode}.", script.RetryAfterSeconds, _cancellationToken);
                break;
            case ScriptKind.Answer when _request.Stream:
                await RootWire.StartLinesAsync(_http, _cancellationToken);
                await WritePiecesAsync(script.Pieces);
                await RootWire.WriteLineAsync(_http, Final(script, ""), _cancellationToken);
                break;
            case ScriptKind.Answer:
                await OpenAiWire.WriteJsonAsync(_http, 200, Final(script, string.Concat(script.Pieces)), _cancellationToken);
                break;
            case ScriptKind.MalformedJson when _request.Stream:
                await RootWire.StartLinesAsync(_http, _cancellationToken);
                await OpenAiWire.WriteRawAsync(_http, $"{{\"model\":\"{Model}\",\"message\":{{\"role\":\"assistant\",\"content\":\"\n", _cancellationToken);
                break;
            case ScriptKind.MalformedJson:
                _http.Response.StatusCode = 200;
                _http.Response.ContentType = "application/json";
                await OpenAiWire.WriteRawAsync(_http, $"{{\"model\":\"{Model}\",\"message\":{{\"role\":\"assistant\",\"content\":\"", _cancellationToken);
                break;
            case ScriptKind.Truncated when _request.Stream:
                await RootWire.StartLinesAsync(_http, _cancellationToken);
                await WritePiecesAsync(script.Pieces);
                byte[] next = Piece("…");
                await _http.Response.Body.WriteAsync(next.AsMemory(0, next.Length / 2), _cancellationToken);
                await _http.Response.Body.FlushAsync(_cancellationToken);
                await ConnectionCut.CloseAsync(_http, _record, _cancellationToken);
                break;
            case ScriptKind.Truncated:
                byte[] whole = Final(script, string.Concat(script.Pieces));
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
                    await RootWire.StartLinesAsync(_http, _cancellationToken);
                    await WritePiecesAsync(script.Pieces);
                }

                await Task.Delay(Timeout.Infinite, _cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unexpected script {script}.");
        }
    }

    private async Task WritePiecesAsync(IReadOnlyList<string> pieces)
    {
        foreach (string piece in pieces)
        {
            await RootWire.WriteLineAsync(_http, Piece(piece), _cancellationToken);
        }
    }

    /// <summary>A streamed line with one piece of the answer.</summary>
    private byte[] Piece(string content) => OpenAiWire.Json(w =>
    {
        WriteHeader(w, content);
        w.WriteBoolean("done", false);
        w.WriteEndObject();
    });

    /// <summary>The last streamed line (<paramref name="content"/> ""), or the whole non-streamed answer.</summary>
    private byte[] Final(ChatScript script, string content) => OpenAiWire.Json(w =>
    {
        int prompt = script.PromptTokens ?? _request.Messages.Sum(m => ScriptedTokens.Count(m.Content));
        int completion = script.CompletionTokens ?? ScriptedTokens.Count(string.Concat(script.Pieces));
        WriteHeader(w, content);
        w.WriteString("done_reason", script.FinishReason);
        w.WriteBoolean("done", true);
        w.WriteNumber("total_duration", 0);
        w.WriteNumber("load_duration", 0);
        w.WriteNumber("prompt_eval_count", prompt);
        w.WriteNumber("prompt_eval_duration", 0);
        w.WriteNumber("eval_count", completion);
        w.WriteNumber("eval_duration", 0);
        w.WriteEndObject();
    });

    private void WriteHeader(Utf8JsonWriter w, string content)
    {
        w.WriteStartObject();
        w.WriteString("model", Model);
        w.WriteString("created_at", _createdAt);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", content);
        w.WriteEndObject();
    }
}
