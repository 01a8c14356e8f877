namespace Wenjin.Testing.ModelServer;

/// <summary>Writes one resolved <see cref="ChatScript"/> (never a Delay) in the wire format of one chat API.</summary>
internal interface IChatScriptPlayer
{
    Task PlayAsync(ChatScript script);
}
