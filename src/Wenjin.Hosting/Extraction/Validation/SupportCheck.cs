namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Whether free text is supported by a document: <see cref="Supported"/>, the document sentences that support it (folded
/// ranges, in document order) and, when not supported, the first sentence of the text that nothing supports.
/// </summary>
internal sealed record SupportCheck(bool Supported, IReadOnlyList<(int Start, int End)> Sentences, string? UnsupportedSentence);
