namespace Wenjin.Testing.ModelServer;

/// <summary>
/// One message of a chat request: its role ("system", "developer", "user", "assistant", "tool") and its text (a string
/// content as is; an array of parts as its text parts joined; no content as "").
/// </summary>
public sealed record ScriptedChatMessage(string Role, string Content);
