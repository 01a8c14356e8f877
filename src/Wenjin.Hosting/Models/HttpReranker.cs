using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Wenjin.Errors;

namespace Wenjin.Hosting.Models;

/// <summary>
/// One rerank request per call, in the configured <see cref="RerankStyle"/>, read back into one score per document in
/// input order whatever order the server lists them in (rerankers list the best first). A response Wenjin cannot use
/// — not JSON, an index out of range, a document scored twice or not at all, a result without a score — is a
/// <see cref="WenjinErrorKind.Internal"/> error that names the server; it is not retried (the same request would get
/// the same answer). Error statuses come from <see cref="ModelErrorStatusHandler"/>; retries, timeouts and the
/// concurrency limit are decorators.
/// </summary>
public sealed class HttpReranker : IReranker
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly RerankerOptions _options;

    public HttpReranker(HttpClient http, Uri endpoint, RerankerOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _endpoint = endpoint;
        _options = options;
    }

    private bool Cohere => _options.Style == RerankStyle.Cohere;

    private string ScoreName => Cohere ? "relevance_score" : "score";

    public async Task<IReadOnlyList<double>> ScoreAsync(string query, IReadOnlyList<string> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return [];
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = Body(query, documents) };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return Scores(body, documents.Count);
    }

    /// <summary>
    /// Cohere style: model, query, documents and top_n = all of them (servers return only the best top_n). TEI:
    /// query and texts, truncated to the model's input length by the server rather than refused.
    /// </summary>
    private ByteArrayContent Body(string query, IReadOnlyList<string> documents)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            if (Cohere)
            {
                w.WriteString("model", _options.Model);
            }

            w.WriteString("query", query);
            w.WriteStartArray(Cohere ? "documents" : "texts");
            foreach (string document in documents)
            {
                w.WriteStringValue(document);
            }

            w.WriteEndArray();
            if (Cohere)
            {
                w.WriteNumber("top_n", documents.Count);
            }
            else
            {
                w.WriteBoolean("truncate", true);
            }

            w.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private double[] Scores(byte[] body, int count)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw Unusable($"answered a body that is not JSON ({body.Length} bytes)", e);
        }

        using (json)
        {
            var root = json.RootElement;
            var results = Cohere
                ? root.ValueKind == JsonValueKind.Object && root.TryGetProperty("results", out var list) ? list : default
                : root;
            if (results.ValueKind != JsonValueKind.Array)
            {
                throw Unusable(Cohere ? "answered JSON without a \"results\" array" : "answered JSON that is not an array of {index, score}");
            }

            var scores = new double?[count];
            int received = 0;
            foreach (var result in results.EnumerateArray())
            {
                received++;
                if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("index", out var indexJson)
                    || indexJson.ValueKind != JsonValueKind.Number || !indexJson.TryGetInt32(out int index))
                {
                    throw Unusable("answered a result without an integer \"index\"");
                }

                if (index < 0 || index >= count)
                {
                    throw Unusable($"answered a score for document {index}, but {count} documents were sent (0 to {count - 1})");
                }

                if (!result.TryGetProperty(ScoreName, out var scoreJson) || scoreJson.ValueKind != JsonValueKind.Number)
                {
                    throw Unusable($"answered no \"{ScoreName}\" for document {index}");
                }

                if (scores[index] is not null)
                {
                    throw Unusable($"scored document {index} twice");
                }

                scores[index] = scoreJson.GetDouble();
            }

            if (received != count)
            {
                var missing = Enumerable.Range(0, count).Where(i => scores[i] is null).Take(10);
                throw Unusable($"answered {received} scores for {count} documents (none for document {string.Join(", ", missing)})");
            }

            return [.. scores.Select(s => s!.Value)];
        }
    }

    private WenjinException Unusable(string what, Exception? inner = null)
    {
        string name = string.IsNullOrWhiteSpace(_options.Model) ? "" : $" '{_options.Model}'";
        return new WenjinException(WenjinErrorKind.Internal, $"The reranker{name} at {_endpoint} {what}; check Wenjin:Reranker:BaseUrl and Wenjin:Reranker:Style ({_options.Style}).", inner: inner);
    }
}
