namespace Wenjin.Hosting.Vectors;

/// <summary>
/// Parameters of an <see cref="HnswVectorIndex"/>. Defaults follow hnswlib's common choices for embeddings of a few
/// hundred dimensions: recall@10 around 0.95 or better at <see cref="EfSearch"/> 64 on data with low intrinsic
/// dimension (measure yours with the vectors benchmark).
/// </summary>
public sealed record HnswOptions
{
    /// <summary>Links kept per node on the upper layers (2·M on the bottom layer). 2…128; more = better recall, more memory.</summary>
    public int M { get; init; } = 16;

    /// <summary>Candidate list size while inserting (at least <see cref="M"/> is used). Higher = better graph, slower build.</summary>
    public int EfConstruction { get; init; } = 200;

    /// <summary>Default candidate list size of a search (at least k is used); can be overridden per search.</summary>
    public int EfSearch { get; init; } = 64;

    /// <summary>Seeds the level of each node: the same seed and the same additions give the same graph.</summary>
    public int Seed { get; init; } = 42;

    internal void Validate()
    {
        if (M is < 2 or > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(M), M, "HNSW M must be between 2 and 128.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EfConstruction, nameof(EfConstruction));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EfSearch, nameof(EfSearch));
    }
}
