using Wenjin.Bench.Corpus;

namespace Wenjin.Bench.Engines;

/// <summary>
/// A search engine under test. It owns a private index in a temporary folder that disposal deletes. Index is called
/// once, before any search.
/// </summary>
internal interface IRetrievalEngine : IDisposable
{
    /// <summary>Short display name ("Lucene", "Wenjin").</summary>
    string Name { get; }

    /// <summary>Indexes every document and makes it searchable; returns how many index units (chunks) were written.</summary>
    Task<int> IndexAsync(IEnumerable<CorpusDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>The ids of the best <paramref name="k"/> distinct documents for a query, best first.</summary>
    Task<IReadOnlyList<string>> SearchAsync(string query, int k, CancellationToken cancellationToken = default);

    /// <summary>Bytes of all files the engine's index occupies on disk right now.</summary>
    long IndexSizeBytes();
}
