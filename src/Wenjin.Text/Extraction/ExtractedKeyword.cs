namespace Wenjin.Text.Extraction;

/// <summary>
/// A keyword of a document. <see cref="Term"/> is the analyzer's term (folded and stemmed, as the knowledge base
/// indexes it; a compound is its words joined), <see cref="Text"/> its most frequent surface form in the document
/// (without the line breaks it was printed with), <see cref="Frequency"/> how often it occurs, <see cref="Score"/> its
/// tf·idf, and <see cref="Occurrences"/> every occurrence in text order.
/// </summary>
public sealed record ExtractedKeyword(string Term, string Text, int Frequency, double Score, IReadOnlyList<TextSpan> Occurrences);
