namespace Wenjin.Hosting.Extraction.Building;

/// <summary>
/// The knowledge base's chunk-level statistics for ranking keywords by TF-IDF: <see cref="DocumentFrequency"/> gives the
/// number of chunks holding an analyzer term, out of <see cref="DocumentCount"/> chunks. A count of 0 means no
/// statistics (keywords are then ranked by their frequency in the document).
/// </summary>
public sealed record KeywordStatistics(Func<string, long> DocumentFrequency, long DocumentCount);
