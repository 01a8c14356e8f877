using Wenjin.Storage;

namespace Wenjin.Hosting.Answering.Generation;

/// <summary>
/// A passage as the model sees it: <see cref="Number"/> is the n of the "[n]" markers that cite it. The chunk's text
/// is the document text at [Start, End) (a table chunk may start with its repeated header rows: then the last
/// End − Start characters are that span), so a quote taken from it is a span of the stored document.
/// </summary>
public sealed record VerificationPassage(int Number, ChunkCandidate Chunk);
