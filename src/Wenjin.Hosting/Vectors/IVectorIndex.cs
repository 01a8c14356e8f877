namespace Wenjin.Hosting.Vectors;

/// <summary>
/// An in-process index of unit-normalised vectors under caller-chosen integer ids (the caller maps them to chunk ids),
/// searched by cosine similarity.
/// </summary>
/// <remarks>
/// Contract shared by every implementation: <see cref="Add"/> normalises the vector and replaces any vector already
/// stored under the id; a vector of the wrong length, with a non-finite component or of zero length is an
/// <see cref="ArgumentException"/>; results are best first with ties broken by the lower id; scores are cosine
/// similarities in [−1, 1] computed against the stored (possibly quantised) vector. Implementations are safe for any
/// mix of concurrent calls: searches run in parallel with each other, writes run alone.
/// </remarks>
public interface IVectorIndex : IDisposable
{
    /// <summary>The length every added vector and every query must have.</summary>
    int Dimensions { get; }

    /// <summary>The number of ids currently searchable.</summary>
    int Count { get; }

    /// <summary>How the vectors are stored.</summary>
    VectorEncoding Encoding { get; }

    /// <summary>Stores <paramref name="vector"/> (normalised to unit length) under <paramref name="id"/>, replacing any previous one.</summary>
    void Add(int id, ReadOnlySpan<float> vector);

    /// <summary>Removes the vector stored under <paramref name="id"/>; false if there was none.</summary>
    bool Remove(int id);

    /// <summary>Whether a vector is stored under <paramref name="id"/>.</summary>
    bool Contains(int id);

    /// <summary>The (at most) <paramref name="k"/> stored vectors most similar to <paramref name="query"/>, best first.</summary>
    (int Id, float Score)[] Search(ReadOnlySpan<float> query, int k);
}
