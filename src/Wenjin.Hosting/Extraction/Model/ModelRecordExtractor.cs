using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Wenjin.Extraction;
using Wenjin.Hosting.Models;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Extracts a record with a chat model: the schema goes as the response format (JSON Schema structured output, which
/// vLLM, Ollama, DeepSeek and OpenAI enforce or follow), the model's JSON object is then checked by
/// <see cref="RecordValidator"/> against the schema and the whole document, so an invented value is dropped with its
/// reason and a required field the model left out is reported as missing. A model that fails (after the client's
/// retries) or answers with something that is not a JSON object gives an error instead of a record, so the caller can
/// fall back to the rules. Thread-safe.
/// </summary>
public sealed partial class ModelRecordExtractor
{
    private readonly IChatClient _chat;
    private readonly ChatModelOptions _options;
    private readonly RecordValidator _validator;
    private readonly JsonSchemaWriter _writer = new();

    public ModelRecordExtractor(IChatClient chat, ChatModelOptions options, RecordValidator validator)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(validator);
        _chat = chat;
        _options = options;
        _validator = validator;
    }

    /// <summary>The model's name, for display.</summary>
    public string? Model => _options.Model;

    public async Task<ModelExtraction> ExtractAsync(ExtractionSchema schema, SourceDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        var responseSchema = ResponseSchema(schema);
        var messages = ExtractionPrompt.Build(schema, responseSchema, document, Math.Max(1_000, _options.ExtractionCharacters));
        var chatOptions = new ChatOptions
        {
            Temperature = _options.Temperature,
            MaxOutputTokens = _options.ExtractionOutputTokens,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JsonSerializer.SerializeToElement(responseSchema), SchemaName(schema.Name), schema.Title),
        };

        ChatResponse response;
        try
        {
            response = await _chat.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ModelExtraction(null, ModelFailure.Describe(e));
        }

        return TryReadObject(response.Text, out var candidate, out string? error)
            ? new ModelExtraction(_validator.Validate(schema, candidate, document), null)
            : new ModelExtraction(null, error);
    }

    /// <summary>
    /// The JSON object in a model's reply: the whole reply, or the object inside a ```json fence or surrounded by prose
    /// (some servers ignore the response format).
    /// </summary>
    public static bool TryReadObject(string? reply, out JsonElement candidate, [NotNullWhen(false)] out string? error)
    {
        string text = (reply ?? string.Empty).Trim();
        var fenced = Fence().Match(text);
        if (fenced.Success)
        {
            text = fenced.Groups[1].Value.Trim();
        }

        int start = text.IndexOf('{', StringComparison.Ordinal);
        int end = text.LastIndexOf('}');
        if (start >= 0 && end > start)
        {
            try
            {
                using var parsed = JsonDocument.Parse(text[start..(end + 1)]);
                if (parsed.RootElement.ValueKind == JsonValueKind.Object)
                {
                    candidate = parsed.RootElement.Clone();
                    error = null;
                    return true;
                }
            }
            catch (JsonException)
            {
                // Reported below with the reply's beginning.
            }
        }

        string shown = text.Length > 80 ? text[..80] + "…" : text;
        candidate = default;
        error = $"the chat model did not answer with a JSON object (it said: \"{shown}\")";
        return false;
    }

    /// <summary>The schema as sent to the model: Wenjin's own x-wenjin-* keywords removed, everything else kept.</summary>
    private JsonObject ResponseSchema(ExtractionSchema schema)
    {
        var written = _writer.Write(schema);
        written.Remove("$schema");
        Strip(written);
        return written;
    }

    private static void Strip(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (string key in obj.Select(p => p.Key).Where(k => k.StartsWith("x-wenjin-", StringComparison.Ordinal)).ToList())
            {
                obj.Remove(key);
            }

            foreach (var (_, child) in obj)
            {
                Strip(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                Strip(child);
            }
        }
    }

    // OpenAI-style APIs accept [A-Za-z0-9_-] in a response format's name.
    private static string SchemaName(string name) => NameCharacters().Replace(name, "_");

    [GeneratedRegex(@"```(?:json)?\s*([\s\S]*?)```")]
    private static partial Regex Fence();

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex NameCharacters();
}
