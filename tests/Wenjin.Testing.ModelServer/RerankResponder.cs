using Microsoft.AspNetCore.Http;

namespace Wenjin.Testing.ModelServer;

/// <summary>Plays one <see cref="RerankScript"/> as the answer to one rerank request, in the request's style.</summary>
internal sealed class RerankResponder
{
    private readonly HttpContext _http;
    private readonly RecordedRequest _record;
    private readonly ScriptedRerankRequest _request;
    private readonly Func<ScriptedRerankRequest, IReadOnlyList<double>>? _default;
    private readonly CancellationToken _cancellationToken;

    public RerankResponder(HttpContext http, RecordedRequest record, ScriptedRerankRequest request, Func<ScriptedRerankRequest, IReadOnlyList<double>>? fallback, CancellationToken cancellationToken)
    {
        _http = http;
        _record = record;
        _request = request;
        _default = fallback;
        _cancellationToken = cancellationToken;
    }

    private bool Cohere => _request.Style == ScriptedRerankStyle.Cohere;

    /// <summary>Plays <paramref name="queued"/>, or answers what <see cref="ScriptedRerank.Default"/> scores when nothing was queued.</summary>
    public async Task RunAsync(RerankScript? queued)
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
                await AnswerDefaultAsync();
                break;
            case ScriptKind.Answer when script.Raw is { } raw:
                await WriteResultsAsync(raw);
                break;
            case ScriptKind.Answer:
                await WriteResultsAsync(Ranked(script.Fixed!));
                break;
            case ScriptKind.Status:
                await ErrorResponses.WriteAsync(_http, script.StatusCode, script.Message ?? $"Scripted status {script.StatusCode}.", script.RetryAfterSeconds, _cancellationToken);
                break;
            case ScriptKind.MalformedJson:
                _http.Response.StatusCode = 200;
                _http.Response.ContentType = "application/json";
                await OpenAiWire.WriteRawAsync(_http, Cohere ? "{\"results\":[{\"index\":0,\"relevance_score\":0." : "[{\"index\":0,\"score\":0.", _cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"Unexpected script {script}.");
        }
    }

    private async Task AnswerDefaultAsync()
    {
        if (_default is null)
        {
            await ErrorResponses.WriteAsync(_http, 500, $"No rerank script is queued and ScriptedRerank.Default is null (request: {_request.Documents.Count} documents).", null, _cancellationToken);
            return;
        }

        IReadOnlyList<double>? scores;
        try
        {
            scores = _default(_request);
        }
#pragma warning disable CA1031 // A failing responder is the test's bug: it becomes a 500 that names it, like a crashing server.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await ErrorResponses.WriteAsync(_http, 500, $"ScriptedRerank.Default threw {e.GetType().Name}: {e.Message}", null, _cancellationToken);
            return;
        }

        if (scores is null)
        {
            await ErrorResponses.WriteAsync(_http, 500, "ScriptedRerank.Default returned null.", null, _cancellationToken);
            return;
        }

        await WriteResultsAsync(Ranked(scores));
    }

    /// <summary>Scores in document order → results highest first (ties in document order), the best top_n in Cohere style.</summary>
    private List<(int Index, double Score)> Ranked(IReadOnlyList<double> scores)
    {
        var ranked = scores.Select((score, index) => (Index: index, Score: score)).OrderByDescending(r => r.Score).ThenBy(r => r.Index).ToList();
        if (Cohere && _request.TopN is > 0 and var top && top < ranked.Count)
        {
            ranked.RemoveRange(top, ranked.Count - top);
        }

        return ranked;
    }

    private Task WriteResultsAsync(IReadOnlyList<(int Index, double Score)> results)
    {
        byte[] body = OpenAiWire.Json(w =>
        {
            if (Cohere)
            {
                w.WriteStartObject();
                w.WriteString("id", $"rerank-scripted-{_record.Sequence}");
                w.WriteString("model", _request.Model.Length > 0 ? _request.Model : "scripted-reranker");
                w.WriteStartObject("usage");
                w.WriteNumber("total_tokens", ScriptedTokens.Count(_request.Query) + _request.Documents.Sum(ScriptedTokens.Count));
                w.WriteEndObject();
                w.WriteStartArray("results");
            }
            else
            {
                w.WriteStartArray();
            }

            foreach (var (index, score) in results)
            {
                w.WriteStartObject();
                w.WriteNumber("index", index);
                if (Cohere)
                {
                    if (index >= 0 && index < _request.Documents.Count)
                    {
                        w.WriteStartObject("document");
                        w.WriteString("text", _request.Documents[index]);
                        w.WriteEndObject();
                    }

                    w.WriteNumber("relevance_score", score);
                }
                else
                {
                    w.WriteNumber("score", score);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (Cohere)
            {
                w.WriteEndObject();
            }
        });
        return OpenAiWire.WriteJsonAsync(_http, 200, body, _cancellationToken);
    }
}
