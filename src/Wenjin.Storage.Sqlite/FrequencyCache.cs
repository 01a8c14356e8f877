using System.Collections.Concurrent;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// Document frequencies read from the FTS5 vocabularies. Counting a term's documents walks its whole posting list, so
/// a repeated lookup is worth keeping. Entries are keyed by the knowledge base's revision (a counter every committed
/// change to its index increments, read in the same snapshot as the frequency): a reader whose snapshot is older or
/// newer than the cached revision never sees the other snapshot's numbers, whichever connection filled the cache.
/// Only the newest revision seen per knowledge base is kept.
/// </summary>
internal sealed class FrequencyCache
{
    private const int MaxEntriesPerKnowledgeBase = 100_000;

    private readonly ConcurrentDictionary<long, Generation> _generations = new();

    public bool TryGet(long knowledgeBase, long revision, string term, out long frequency)
    {
        frequency = 0;
        return _generations.TryGetValue(knowledgeBase, out Generation? generation)
            && generation.Revision == revision
            && generation.Frequencies.TryGetValue(term, out frequency);
    }

    public void Set(long knowledgeBase, long revision, string term, long frequency)
    {
        Generation generation = _generations.AddOrUpdate(
            knowledgeBase,
            static (_, revision) => new Generation(revision),
            static (_, current, revision) => current.Revision < revision ? new Generation(revision) : current,
            revision);
        if (generation.Revision != revision)
        {
            return;
        }

        if (generation.Frequencies.Count >= MaxEntriesPerKnowledgeBase)
        {
            generation.Frequencies.Clear();
        }

        generation.Frequencies[term] = frequency;
    }

    /// <summary>Forgets a knowledge base (deleted or rebuilt).</summary>
    public void Forget(long knowledgeBase) => _generations.TryRemove(knowledgeBase, out _);

    private sealed class Generation(long revision)
    {
        public long Revision { get; } = revision;

        public ConcurrentDictionary<string, long> Frequencies { get; } = new(StringComparer.Ordinal);
    }
}
