using System.Text.Json;

namespace Wenjin.Testing.ModelServer;

/// <summary>A rerank request as the scripted server read it; <see cref="Body"/> has every field as sent.</summary>
public sealed class ScriptedRerankRequest
{
    private ScriptedRerankRequest(JsonElement body, ScriptedRerankStyle style, string model, string query, IReadOnlyList<string> documents)
    {
        Body = body;
        Style = style;
        Model = model;
        Query = query;
        Documents = documents;
    }

    /// <summary>The JSON body as sent.</summary>
    public JsonElement Body { get; }

    /// <summary><see cref="ScriptedRerankStyle.Cohere"/> when the body has "documents", <see cref="ScriptedRerankStyle.Tei"/> when it has "texts".</summary>
    public ScriptedRerankStyle Style { get; }

    /// <summary>"model" ("" when absent, as in text-embeddings-inference requests).</summary>
    public string Model { get; }

    public string Query { get; }

    /// <summary>"documents" (Cohere style) or "texts" (TEI style), in order.</summary>
    public IReadOnlyList<string> Documents { get; }

    /// <summary>"top_n" (Cohere style), or null when absent.</summary>
    public int? TopN { get; private init; }

    /// <summary>
    /// Reads a request body; null with <paramref name="error"/> unless it is an object with a string "query" and a
    /// non-empty array of strings as exactly one of "documents" and "texts".
    /// </summary>
    internal static ScriptedRerankRequest? TryRead(JsonElement body, out string? error)
    {
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "The request body must be a JSON object.";
            return null;
        }

        if (Json.String(body, "query") is not { } query)
        {
            error = "'query' is required and must be a string.";
            return null;
        }

        bool cohere = body.TryGetProperty("documents", out var documents);
        bool tei = body.TryGetProperty("texts", out var texts);
        if (cohere == tei)
        {
            error = "Exactly one of 'documents' (Cohere style) and 'texts' (text-embeddings-inference style) is required.";
            return null;
        }

        var list = cohere ? documents : texts;
        string name = cohere ? "documents" : "texts";
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0 || list.EnumerateArray().Any(d => d.ValueKind != JsonValueKind.String))
        {
            error = $"'{name}' must be a non-empty array of strings.";
            return null;
        }

        return new ScriptedRerankRequest(body, cohere ? ScriptedRerankStyle.Cohere : ScriptedRerankStyle.Tei, Json.String(body, "model") ?? "", query, [.. list.EnumerateArray().Select(d => d.GetString()!)])
        {
            TopN = cohere ? Json.Int(body, "top_n") : null,
        };
    }
}
