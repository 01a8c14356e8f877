using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>The OpenAI wire formats shared by every endpoint: JSON bodies, error bodies and server-sent events.</summary>
internal static class OpenAiWire
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    /// <summary>Writes a JSON value with <paramref name="write"/> and returns its UTF-8 bytes.</summary>
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static async Task WriteJsonAsync(HttpContext http, int statusCode, byte[] json, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = json.Length;
        await http.Response.Body.WriteAsync(json, cancellationToken);
    }

    /// <summary>
    /// An OpenAI error: <c>{"error":{"message","type","param":null,"code"}}</c>, with <c>Retry-After</c> (seconds) when
    /// given. The type and code follow OpenAI's for the common statuses.
    /// </summary>
    public static Task WriteErrorAsync(HttpContext http, int statusCode, string message, int? retryAfterSeconds, CancellationToken cancellationToken)
    {
        if (retryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        string type = statusCode switch
        {
            401 => "authentication_error",
            403 => "permission_error",
            429 => "rate_limit_error",
            >= 500 => "server_error",
            _ => "invalid_request_error",
        };
        string? code = statusCode switch
        {
            401 => "invalid_api_key",
            404 => "not_found",
            429 => "rate_limit_exceeded",
            _ => null,
        };
        byte[] body = Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            w.WriteNull("param");
            if (code is null)
            {
                w.WriteNull("code");
            }
            else
            {
                w.WriteString("code", code);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
        return WriteJsonAsync(http, statusCode, body, cancellationToken);
    }

    /// <summary>Sends status 200 and the headers of an event stream, so the client sees the answer begin.</summary>
    public static async Task StartEventStreamAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.StartAsync(cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Sends one <c>data: …</c> event and flushes it.</summary>
    public static async Task WriteEventAsync(HttpContext http, byte[] data, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(DataPrefix, cancellationToken);
        await http.Response.Body.WriteAsync(data, cancellationToken);
        await http.Response.Body.WriteAsync(EventEnd, cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    public static Task WriteDoneAsync(HttpContext http, CancellationToken cancellationToken) =>
        WriteEventAsync(http, "[DONE]"u8.ToArray(), cancellationToken);

    /// <summary>Sends raw bytes and flushes them (for deliberately broken output).</summary>
    public static async Task WriteRawAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
