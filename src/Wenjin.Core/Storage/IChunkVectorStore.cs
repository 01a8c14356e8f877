namespace Wenjin.Storage;

/// <summary>
/// The chunk embeddings of each knowledge base, all from one embedding model at a time. A vector belongs to one
/// version of a chunk (<see cref="ChunkCandidate.Key"/>): replacing or deleting its document deletes it with the chunk.
/// Switching a knowledge base to another model deletes the old model's vectors (they are stale: another model's
/// vectors cannot be compared with the new model's queries), so its chunks become unembedded again.
/// </summary>
public interface IChunkVectorStore
{
    /// <summary>The knowledge base's embedding state (model null when it never had one).</summary>
    EmbeddingState GetState(string kb);

    /// <summary>
    /// Makes <paramref name="model"/> the knowledge base's embedding model. When another model was recorded its vectors
    /// are deleted in the same transaction.
    /// </summary>
    EmbeddingState UseModel(string kb, string model);

    /// <summary>Up to <paramref name="limit"/> chunks of the knowledge base that have no vector, with keys above <paramref name="afterKey"/>, by key.</summary>
    IReadOnlyList<ChunkToEmbed> ListUnembedded(string kb, long afterKey, int limit);

    /// <summary>
    /// Stores vectors of <paramref name="model"/> (replacing any a chunk had), in one transaction. Vectors of chunks
    /// that no longer exist are skipped, and nothing is stored when <paramref name="model"/> is no longer the knowledge
    /// base's model. All vectors of a knowledge base have the same length: a different length is an error.
    /// </summary>
    /// <returns>How many vectors were stored.</returns>
    int SaveVectors(string kb, string model, IReadOnlyList<ChunkVector> vectors);

    /// <summary>
    /// The knowledge base's vectors stored after <paramref name="afterSequence"/> (every stored vector gets a higher
    /// sequence number than all before it), in sequence order, passed to <paramref name="read"/> one at a time; the
    /// span is only valid during the call.
    /// </summary>
    void ReadVectors(string kb, long afterSequence, ChunkVectorReader read);
}
