using System.Collections;
using Wenjin.Storage;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>
/// A chunk list that fails part-way through enumeration, as a chunker or analyzer bug would: it yields the given
/// chunks and then throws, so a store has already written some rows of the document when the failure happens.
/// </summary>
internal sealed class ThrowingChunkList : IReadOnlyList<IndexedChunk>
{
    private readonly IReadOnlyList<IndexedChunk> _before;

    public ThrowingChunkList(IReadOnlyList<IndexedChunk> before)
    {
        _before = before;
    }

    public int Count => _before.Count + 1;

    public IndexedChunk this[int index] =>
        index < _before.Count ? _before[index] : throw new InvalidOperationException("Chunk enumeration failed.");

    public IEnumerator<IndexedChunk> GetEnumerator()
    {
        foreach (IndexedChunk chunk in _before)
        {
            yield return chunk;
        }

        throw new InvalidOperationException("Chunk enumeration failed.");
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
