using OllamaSharp;
using OllamaSharp.Models;

namespace Wenjin.Hosting.Models;

/// <summary>
/// OllamaSharp's client with one repair: a streamed answer's body is read with the call's cancellation token.
/// OllamaSharp reads the NDJSON lines without it (and HttpClient stops watching the token once the headers are in), so
/// a model that stalls mid-stream would hang both the per-attempt timeout of <see cref="ResilientChatClient"/> and the
/// caller's cancellation.
/// </summary>
internal sealed class CancellableOllamaApiClient : OllamaApiClient
{
    public CancellableOllamaApiClient(HttpClient client, string defaultModel)
        : base(client, defaultModel)
    {
    }

    protected override async Task<HttpResponseMessage> SendToOllamaAsync(HttpRequestMessage requestMessage, OllamaRequest? ollamaRequest, HttpCompletionOption completionOption, CancellationToken cancellationToken)
    {
        var response = await base.SendToOllamaAsync(requestMessage, ollamaRequest, completionOption, cancellationToken).ConfigureAwait(false);
        if (completionOption == HttpCompletionOption.ResponseHeadersRead && cancellationToken.CanBeCanceled)
        {
            response.Content = new CancellableContent(response.Content, cancellationToken);
        }

        return response;
    }
}
