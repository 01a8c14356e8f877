using System.Text.Json;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// An embeddings request as the scripted server read it, from OpenAI's <c>/v1/embeddings</c> or Ollama's
/// <c>/api/embed</c> (both send "model" and "input"); <see cref="Body"/> has every field as sent.
/// </summary>
public sealed class ScriptedEmbeddingRequest
{
    private ScriptedEmbeddingRequest(JsonElement body, string model, IReadOnlyList<string> inputs)
    {
        Body = body;
        Model = model;
        Inputs = inputs;
    }

    /// <summary>The JSON body as sent.</summary>
    public JsonElement Body { get; }

    /// <summary>"model" ("" when absent).</summary>
    public string Model { get; }

    /// <summary>"input": one string, or each string of the array, in order.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>"encoding_format" ("float", "base64") or null when absent (float); Ollama always answers floats.</summary>
    public string? EncodingFormat { get; private init; }

    /// <summary>"dimensions" or null. Recorded only: the answer's size is the script's or <see cref="ScriptedEmbeddings.Default"/>'s.</summary>
    public int? Dimensions { get; private init; }

    /// <summary>Reads a request body; null with <paramref name="error"/> when "input" is not a string or an array of strings.</summary>
    internal static ScriptedEmbeddingRequest? TryRead(JsonElement body, out string? error)
    {
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a JSON object.";
            return null;
        }

        List<string> inputs = [];
        if (body.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.String)
        {
            inputs.Add(input.GetString()!);
        }
        else if (input.ValueKind == JsonValueKind.Array && input.GetArrayLength() > 0 && input.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String))
        {
            inputs.AddRange(input.EnumerateArray().Select(i => i.GetString()!));
        }
        else
        {
            error = "'input' is required and must be a string or a non-empty array of strings.";
            return null;
        }

        string? format = Json.String(body, "encoding_format");
        if (format is not null and not "float" and not "base64")
        {
            error = $"'encoding_format' must be \"float\" or \"base64\", not \"{format}\".";
            return null;
        }

        return new ScriptedEmbeddingRequest(body, Json.String(body, "model") ?? "", inputs)
        {
            EncodingFormat = format,
            Dimensions = Json.Int(body, "dimensions"),
        };
    }
}
