using System.Buffers.Binary;
using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// Plays one <see cref="EmbeddingScript"/> as the answer to one embeddings request, in OpenAI's wire format
/// (<c>/v1/embeddings</c>) or Ollama's (<c>/api/embed</c>: <c>{"model", "embeddings": [[…], …], "prompt_eval_count"}</c>).
/// </summary>
internal sealed class EmbeddingResponder
{
    private readonly HttpContext _http;
    private readonly ScriptedEmbeddingRequest _request;
    private readonly Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? _default;
    private readonly bool _ollama;
    private readonly CancellationToken _cancellationToken;

    public EmbeddingResponder(HttpContext http, ScriptedEmbeddingRequest request, Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? fallback, bool ollama, CancellationToken cancellationToken)
    {
        _http = http;
        _request = request;
        _default = fallback;
        _ollama = ollama;
        _cancellationToken = cancellationToken;
    }

    private string Model => _request.Model.Length > 0 ? _request.Model : "scripted-embedding";

    /// <summary>Plays <paramref name="queued"/>, or answers what <see cref="ScriptedEmbeddings.Default"/> computes when nothing was queued.</summary>
    public async Task RunAsync(EmbeddingScript? queued)
    {
        var script = queued;
        while (script is { Kind: ScriptKind.Delay })
        {
            await Task.Delay(script.Wait, _cancellationToken);
            script = script.Then;
        }

        switch (script?.Kind)
        {
            case null:
                await AnswerAsync(null, queued is null
                    ? "No embedding script is queued and ScriptedEmbeddings.Default is not set"
                    : "A Delay script has no follow-up and ScriptedEmbeddings.Default is not set");
                break;
            case ScriptKind.Answer:
                await AnswerAsync(script, null);
                break;
            case ScriptKind.Status:
                await ErrorResponses.WriteAsync(_http, script.StatusCode, script.Message ?? $"Scripted status {script.StatusCode}.", script.RetryAfterSeconds, _cancellationToken);
                break;
            case ScriptKind.MalformedJson:
                _http.Response.StatusCode = 200;
                _http.Response.ContentType = "application/json";
                await OpenAiWire.WriteRawAsync(_http, _ollama ? "{\"model\":\"" + Model + "\",\"embeddings\":[[0.1," : "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,", _cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unexpected script {script}.");
        }
    }

    /// <summary>Answers the script's vectors, or the default's (<paramref name="missing"/> says why there is none).</summary>
    private async Task AnswerAsync(EmbeddingScript? script, string? missing)
    {
        IReadOnlyList<float[]>? vectors;
        if (script is not null)
        {
            vectors = script.Fixed ?? [.. _request.Inputs.Select(t => ScriptedVectors.For(t, script.Dimensions))];
        }
        else if (_default is null)
        {
            await ErrorResponses.WriteAsync(_http, 500, missing + $" (request: {_request.Inputs.Count} inputs).", null, _cancellationToken);
            return;
        }
        else
        {
            try
            {
                vectors = _default(_request.Inputs);
            }
#pragma warning disable CA1031 // A failing responder is the test's bug: it becomes a 500 that names it, like a crashing server.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await ErrorResponses.WriteAsync(_http, 500, $"ScriptedEmbeddings.Default threw {e.GetType().Name}: {e.Message}", null, _cancellationToken);
                return;
            }

            if (vectors is null || vectors.Any(v => v is null))
            {
                await ErrorResponses.WriteAsync(_http, 500, "ScriptedEmbeddings.Default returned null (or a null vector).", null, _cancellationToken);
                return;
            }
        }

        int tokens = _request.Inputs.Sum(ScriptedTokens.Count);
        byte[] body = _ollama ? OllamaBody(vectors, tokens) : OpenAiBody(vectors, tokens);
        await OpenAiWire.WriteJsonAsync(_http, 200, body, _cancellationToken);
    }

    private byte[] OpenAiBody(IReadOnlyList<float[]> vectors, int tokens)
    {
        bool base64 = _request.EncodingFormat == "base64";
        return OpenAiWire.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (int i = 0; i < vectors.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                if (base64)
                {
                    w.WriteBase64String("embedding", LittleEndianBytes(vectors[i]));
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (float value in vectors[i])
                    {
                        w.WriteNumberValue(value);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", Model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", tokens);
            w.WriteNumber("total_tokens", tokens);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private byte[] OllamaBody(IReadOnlyList<float[]> vectors, int tokens) => OpenAiWire.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", Model);
        w.WriteStartArray("embeddings");
        foreach (float[] vector in vectors)
        {
            w.WriteStartArray();
            foreach (float value in vector)
            {
                w.WriteNumberValue(value);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteNumber("total_duration", 0);
        w.WriteNumber("load_duration", 0);
        w.WriteNumber("prompt_eval_count", tokens);
        w.WriteEndObject();
    });

    private static byte[] LittleEndianBytes(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (int i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }
}
