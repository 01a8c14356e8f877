using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Wenjin.Hosting.Models;

/// <summary>
/// A decorator that remembers vectors by model + SHA-256 of the text, so re-ingesting unchanged text, or the same
/// question asked twice, costs no request. Only the texts not in the cache are sent (in one request). Bounded: when
/// full, the cache is cleared rather than tracking recency (entries are cheap to recompute).
/// </summary>
public sealed class CachingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _model;
    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, Embedding<float>> _cache = new(StringComparer.Ordinal);
    private long _hits;

    public CachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string model, int capacity)
        : base(inner)
    {
        _model = model;
        _capacity = Math.Max(1, capacity);
    }

    /// <summary>Texts answered from the cache so far (for tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IList<string> ?? [.. values];
        var keys = texts.Select(Key).ToArray();
        var result = new Embedding<float>?[texts.Count];
        var missing = new List<int>();
        for (int i = 0; i < texts.Count; i++)
        {
            if (_cache.TryGetValue(keys[i], out var cached))
            {
                result[i] = cached;
                Interlocked.Increment(ref _hits);
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var fresh = await base.GenerateAsync([.. missing.Select(i => texts[i])], options, cancellationToken).ConfigureAwait(false);
            if (_cache.Count + fresh.Count > _capacity)
            {
                _cache.Clear();
            }

            for (int j = 0; j < missing.Count && j < fresh.Count; j++)
            {
                result[missing[j]] = fresh[j];
                _cache[keys[missing[j]]] = fresh[j];
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(result.Select(e => e!));
    }

    private string Key(string text) => _model + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
