using System.Buffers.Binary;
using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>Plays one <see cref="EmbeddingScript"/> as the answer to one embeddings request, in OpenAI's wire format.</summary>
internal sealed class EmbeddingResponder
{
    private readonly HttpContext _http;
    private readonly ScriptedEmbeddingRequest _request;
    private readonly Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? _default;
    private readonly CancellationToken _cancellationToken;

    public EmbeddingResponder(HttpContext http, ScriptedEmbeddingRequest request, Func<IReadOnlyList<string>, IReadOnlyList<float[]>>? fallback, CancellationToken cancellationToken)
    {
        _http = http;
        _request = request;
        _default = fallback;
        _cancellationToken = cancellationToken;
    }

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
                await OpenAiWire.WriteErrorAsync(_http, script.StatusCode, script.Message ?? $"Scripted status {script.StatusCode}.", script.RetryAfterSeconds, _cancellationToken);
                break;
            case ScriptKind.MalformedJson:
                _http.Response.StatusCode = 200;
                _http.Response.ContentType = "application/json";
                await OpenAiWire.WriteRawAsync(_http, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,", _cancellationToken);
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
            await OpenAiWire.WriteErrorAsync(_http, 500, missing + $" (request: {_request.Inputs.Count} inputs).", null, _cancellationToken);
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
                await OpenAiWire.WriteErrorAsync(_http, 500, $"ScriptedEmbeddings.Default threw {e.GetType().Name}: {e.Message}", null, _cancellationToken);
                return;
            }

            if (vectors is null || vectors.Any(v => v is null))
            {
                await OpenAiWire.WriteErrorAsync(_http, 500, "ScriptedEmbeddings.Default returned null (or a null vector).", null, _cancellationToken);
                return;
            }
        }

        bool base64 = _request.EncodingFormat == "base64";
        int tokens = _request.Inputs.Sum(ScriptedTokens.Count);
        byte[] body = OpenAiWire.Json(w =>
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
            w.WriteString("model", _request.Model.Length > 0 ? _request.Model : "scripted-embedding");
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", tokens);
            w.WriteNumber("total_tokens", tokens);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        await OpenAiWire.WriteJsonAsync(_http, 200, body, _cancellationToken);
    }

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
