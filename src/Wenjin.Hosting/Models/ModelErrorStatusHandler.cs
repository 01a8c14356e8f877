using System.Text.Json;

namespace Wenjin.Hosting.Models;

/// <summary>
/// The HTTP handler of the model clients Wenjin drives over plain HttpClient (OllamaSharp, the reranker): an error
/// status becomes a <see cref="ModelHttpException"/> with the status, Retry-After and the server's message (the
/// "error" of an Ollama, TEI or OpenAI-style body, else the start of the body), instead of each client's own
/// exception, which would lose Retry-After.
/// </summary>
internal sealed class ModelErrorStatusHandler : DelegatingHandler
{
    /// <summary>Enough of an error body to say what went wrong; a model server may echo long input.</summary>
    private const int MaxDetailChars = 300;

    public ModelErrorStatusHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string detail = await DetailAsync(response, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            string where = request.RequestUri?.GetLeftPart(UriPartial.Path) ?? "the model server";
            throw new ModelHttpException(
                $"{where} answered {status} {response.ReasonPhrase}{(detail.Length > 0 ? ": " + detail : "")}",
                response.StatusCode,
                RetryAfter(response));
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    /// <summary>The server's message, or "" when the body cannot be read (the status alone then says what happened).</summary>
    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return "";
        }

        string text = body.Trim();
        try
        {
            using var json = JsonDocument.Parse(body);
            text = json.RootElement switch
            {
                { ValueKind: JsonValueKind.Object } root when root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String => error.GetString()!,
                { ValueKind: JsonValueKind.Object } root when root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                    && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String => message.GetString()!,
                { ValueKind: JsonValueKind.Object } root when root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String => message.GetString()!,
                _ => text,
            };
        }
        catch (JsonException)
        {
            // Not JSON: the start of the text says it.
        }

        return text.Length > MaxDetailChars ? text[..MaxDetailChars] + "…" : text;
    }
}
