using Wenjin.Storage;

namespace Wenjin.Documents;

/// <summary>
/// A stored document's extracted text with its chunks, so a host can show a citation in place: every start/end of
/// a search hit or citation points into <see cref="Text"/>. <see cref="PageStarts"/>[i] is where page i+1 begins
/// (empty for formats without pages).
/// </summary>
public sealed record DocumentContent(DocumentInfo Document, string Text, IReadOnlyList<ChunkSpan> Chunks, IReadOnlyList<int> PageStarts);
