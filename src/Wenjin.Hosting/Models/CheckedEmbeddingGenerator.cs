using Microsoft.Extensions.AI;
using Wenjin.Errors;

namespace Wenjin.Hosting.Models;

/// <summary>
/// A decorator that refuses what the rest of Wenjin could not use: a response with another number of vectors than
/// texts, or vectors whose dimension differs from the configured one (or, when none is configured, from the first
/// vector this generator ever received) — with a message that names the model and both dimensions.
/// </summary>
public sealed class CheckedEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly string _model;
    private int _dimensions;

    public CheckedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string model, int? dimensions)
        : base(inner)
    {
        _model = model;
        _dimensions = dimensions ?? 0;
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IList<string> ?? [.. values];
        var embeddings = await base.GenerateAsync(texts, options, cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != texts.Count)
        {
            throw new WenjinException(WenjinErrorKind.Internal, $"The embedding model '{_model}' returned {embeddings.Count} vectors for {texts.Count} texts.");
        }

        foreach (var embedding in embeddings)
        {
            int length = embedding.Vector.Length;
            if (_dimensions == 0)
            {
                Interlocked.CompareExchange(ref _dimensions, length, 0);
            }

            if (length != _dimensions)
            {
                throw new WenjinException(
                    WenjinErrorKind.Internal,
                    $"The embedding model '{_model}' returned a vector of {length} dimensions where {_dimensions} were expected; check Wenjin:Embeddings:Model and Wenjin:Embeddings:Dimensions (vectors of different models cannot be mixed).");
            }
        }

        return embeddings;
    }
}
