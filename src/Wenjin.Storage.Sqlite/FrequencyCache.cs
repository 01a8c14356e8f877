using System.Collections.Concurrent;

namespace Wenjin.Storage.Sqlite;

/// <summary>
/// Document frequencies read from the FTS5 vocabularies, kept until any connection commits a change. Counting a
/// term's documents walks its whole posting list, so a repeated lookup is worth keeping. Every read first asks its
/// connection whether the database changed since it last looked (PRAGMA data_version) and empties the cache if so; an
/// entry is only stored under the epoch its read started in, so a read that overlapped an invalidation stores nothing.
/// </summary>
internal sealed class FrequencyCache
{
    private const int MaxEntries = 200_000;

    private ConcurrentDictionary<(long KnowledgeBase, string Term), long> _entries = new();
    private long _epoch;

    public long Epoch => Volatile.Read(ref _epoch);

    public void Invalidate()
    {
        Interlocked.Increment(ref _epoch);
        _entries = new();
    }

    public bool TryGet(long knowledgeBase, string term, out long frequency) =>
        _entries.TryGetValue((knowledgeBase, term), out frequency);

    public void Set(long epoch, long knowledgeBase, string term, long frequency)
    {
        var entries = _entries;
        if (epoch != Epoch)
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            Invalidate();
            return;
        }

        entries[(knowledgeBase, term)] = frequency;
    }
}
