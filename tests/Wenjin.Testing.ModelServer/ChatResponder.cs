using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// Resolves the <see cref="ChatScript"/> that answers one chat request (the queued one, Delay chains, or
/// <see cref="ScriptedChat.Default"/>) and hands it to the player of the request's wire format.
/// </summary>
internal sealed class ChatResponder
{
    private const int MaxDelayChain = 16;

    private readonly HttpContext _http;
    private readonly ScriptedChatRequest _request;
    private readonly Func<ScriptedChatRequest, ChatScript>? _default;
    private readonly IChatScriptPlayer _player;
    private readonly CancellationToken _cancellationToken;

    public ChatResponder(HttpContext http, ScriptedChatRequest request, Func<ScriptedChatRequest, ChatScript>? fallback, IChatScriptPlayer player, CancellationToken cancellationToken)
    {
        _http = http;
        _request = request;
        _default = fallback;
        _player = player;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Plays <paramref name="queued"/>, or what <see cref="ScriptedChat.Default"/> answers when nothing was queued.</summary>
    public async Task RunAsync(ChatScript? queued)
    {
        var script = queued;
        for (int depth = 0; ; depth++)
        {
            if (script is null)
            {
                (script, string? error) = FromDefault(queued is null && depth == 0
                    ? "No chat script is queued and ScriptedChat.Default is not set"
                    : "A Delay script has no follow-up and ScriptedChat.Default is not set");
                if (script is null)
                {
                    await ErrorResponses.WriteAsync(_http, 500, error!, null, _cancellationToken);
                    return;
                }
            }

            if (script.Kind != ScriptKind.Delay)
            {
                await _player.PlayAsync(script);
                return;
            }

            if (depth == MaxDelayChain)
            {
                await ErrorResponses.WriteAsync(_http, 500, $"More than {MaxDelayChain} Delay scripts in a row (does ScriptedChat.Default return Delay without a follow-up?).", null, _cancellationToken);
                return;
            }

            await Task.Delay(script.Wait, _cancellationToken);
            script = script.Then;
        }
    }

    private (ChatScript? Script, string? Error) FromDefault(string missing)
    {
        if (_default is null)
        {
            return (null, missing + $" (request: {_request.Messages.Count} messages, last user message \"{_request.LastUserMessage}\").");
        }

        try
        {
            return _default(_request) is { } script ? (script, null) : (null, "ScriptedChat.Default returned null.");
        }
#pragma warning disable CA1031 // A failing responder is the test's bug: it becomes a 500 that names it, like a crashing server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, $"ScriptedChat.Default threw {e.GetType().Name}: {e.Message}");
        }
    }
}
