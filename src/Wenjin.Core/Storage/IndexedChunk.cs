using Wenjin.Documents;

namespace Wenjin.Storage;

/// <summary>A chunk with its analyzed terms per field, in token order, ready to be written to an index.</summary>
public sealed record IndexedChunk(Chunk Chunk, IReadOnlyList<string> HeadingTerms, IReadOnlyList<string> BodyTerms);
