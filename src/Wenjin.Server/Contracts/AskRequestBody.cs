namespace Wenjin.Server.Contracts;

/// <summary>Body of POST /api/kbs/{kb}/ask.</summary>
public sealed record AskRequestBody(string Question, string? ConversationId);
