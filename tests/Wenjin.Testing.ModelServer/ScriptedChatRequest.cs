using System.Text;
using System.Text.Json;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// A chat request as the scripted server read it, from OpenAI's <c>/v1/chat/completions</c> or Ollama's
/// <c>/api/chat</c> (same messages; <see cref="Stream"/>, <see cref="MaxTokens"/> and <see cref="Temperature"/> read
/// where each API puts them); <see cref="Body"/> has every field as sent.
/// </summary>
public sealed class ScriptedChatRequest
{
    private ScriptedChatRequest(JsonElement body, string model, IReadOnlyList<ScriptedChatMessage> messages)
    {
        Body = body;
        Model = model;
        Messages = messages;
    }

    /// <summary>The JSON body as sent.</summary>
    public JsonElement Body { get; }

    /// <summary>"model" ("" when absent).</summary>
    public string Model { get; }

    public IReadOnlyList<ScriptedChatMessage> Messages { get; }

    /// <summary>"stream" is true (OpenAI), or is not false (Ollama, which streams unless told not to).</summary>
    public bool Stream { get; private init; }

    /// <summary>"stream_options": {"include_usage": true}.</summary>
    public bool IncludeUsage { get; private init; }

    /// <summary>"max_completion_tokens", else "max_tokens" (OpenAI), or "options"."num_predict" (Ollama), else null.</summary>
    public int? MaxTokens { get; private init; }

    /// <summary>"temperature" (OpenAI) or "options"."temperature" (Ollama), else null.</summary>
    public double? Temperature { get; private init; }

    /// <summary>The system and developer messages' contents joined by newlines ("" when there are none).</summary>
    public string SystemPrompt =>
        string.Join("\n", Messages.Where(m => m.Role is "system" or "developer").Select(m => m.Content));

    /// <summary>The last user message's content ("" when there is none).</summary>
    public string LastUserMessage => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";

    /// <summary>
    /// Reads a request body in OpenAI's format, or Ollama's when <paramref name="ollama"/>; null with
    /// <paramref name="error"/> when it is not an object with a "messages" array.
    /// </summary>
    internal static ScriptedChatRequest? TryRead(JsonElement body, bool ollama, out string? error)
    {
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a JSON object.";
            return null;
        }

        if (!body.TryGetProperty("messages", out var messagesJson) || messagesJson.ValueKind != JsonValueKind.Array)
        {
            error = "'messages' is required and must be an array.";
            return null;
        }

        var messages = new List<ScriptedChatMessage>();
        foreach (var message in messagesJson.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                error = "Each message must be an object with a string 'role'.";
                return null;
            }

            messages.Add(new ScriptedChatMessage(role.GetString()!, message.TryGetProperty("content", out var content) ? TextOf(content) : ""));
        }

        if (ollama)
        {
            var modelOptions = body.TryGetProperty("options", out var o) ? o : default;
            return new ScriptedChatRequest(body, Json.String(body, "model") ?? "", messages)
            {
                Stream = !(body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.False),
                MaxTokens = Json.Int(modelOptions, "num_predict"),
                Temperature = Json.Double(modelOptions, "temperature"),
            };
        }

        return new ScriptedChatRequest(body, Json.String(body, "model") ?? "", messages)
        {
            Stream = Json.Bool(body, "stream"),
            IncludeUsage = body.TryGetProperty("stream_options", out var options) && Json.Bool(options, "include_usage"),
            MaxTokens = Json.Int(body, "max_completion_tokens") ?? Json.Int(body, "max_tokens"),
            Temperature = Json.Double(body, "temperature"),
        };
    }

    private static string TextOf(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (Json.String(part, "type") == "text" && Json.String(part, "text") is { } piece)
                    {
                        text.Append(piece);
                    }
                }

                return text.ToString();
            default:
                return "";
        }
    }
}
