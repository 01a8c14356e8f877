using System.Text;
using Wenjin.Bench.Corpus;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Hosting;
using Wenjin.Ingestion;
using Wenjin.Search;

namespace Wenjin.Bench.Engines;

/// <summary>
/// Wenjin through its public façade only (<see cref="IKnowledgeBase"/>), on a fresh data directory. Each corpus record
/// becomes a ".txt" <see cref="DocumentSource"/> whose SourceId is the corpus id and whose content is the same title +
/// text that Lucene indexes. Wenjin ranks chunks, so a search asks for <see cref="ChunksPerQuery"/> chunks and keeps
/// the first chunk of each document, in rank order, up to k documents. Indexing ends with
/// <see cref="KnowledgeBaseService.Optimize"/>, which is part of the measured time.
/// </summary>
internal sealed class WenjinEngine : IRetrievalEngine
{
    /// <summary>Chunks requested per query; enough that 10 distinct documents survive deduplication in practice.</summary>
    public const int ChunksPerQuery = 50;

    private const string KnowledgeBaseName = "bench";

    private readonly TemporaryDirectory _folder = new("wenjin-bench-wenjin");
    private readonly KnowledgeBaseService _service;

    public WenjinEngine()
    {
        _service = KnowledgeBaseService.Open(_folder.FullPath);
    }

    public string Name => "Wenjin";

    /// <summary>The last ingest's summary (failures included), for reporting.</summary>
    public IngestSummary? LastIngest { get; private set; }

    /// <summary>Queries Wenjin refused as invalid input; each counted as a search that found nothing.</summary>
    public int RejectedQueries { get; private set; }

    public async Task<int> IndexAsync(IEnumerable<CorpusDocument> documents, CancellationToken cancellationToken = default)
    {
        IKnowledgeBase knowledgeBase = _service;
        await knowledgeBase.CreateAsync(KnowledgeBaseName, "benchmark corpus", cancellationToken).ConfigureAwait(false);
        IngestSummary summary = await knowledgeBase.IngestAsync(KnowledgeBaseName, documents.Select(ToSource), progress: null, cancellationToken).ConfigureAwait(false);
        LastIngest = summary;

        // A bulk load ends with the compaction the store recommends after large ingests (it also truncates the WAL, so
        // the size on disk is the index itself); Lucene's time likewise includes its commit. Both times therefore
        // measure "documents in → index ready to serve".
        _service.Optimize();
        if (summary.Failed > 0)
        {
            IngestFailure first = summary.Failures.Count > 0 ? summary.Failures[0] : new IngestFailure("?", "?", "?");
            Console.Error.WriteLine($"warning: Wenjin failed to ingest {summary.Failed} documents (first: {first.SourceId} at {first.Stage}: {first.Error})");
        }

        return summary.Chunks;
    }

    public async Task<IReadOnlyList<string>> SearchAsync(string query, int k, CancellationToken cancellationToken = default)
    {
        IKnowledgeBase knowledgeBase = _service;
        SearchResult result;
        try
        {
            result = await knowledgeBase.SearchAsync(KnowledgeBaseName, new SearchRequest(query) { Top = ChunksPerQuery }, cancellationToken).ConfigureAwait(false);
        }
        catch (WenjinException exception) when (exception.Kind == WenjinErrorKind.InvalidInput)
        {
            // A query Wenjin refuses (e.g. nothing searchable left after analysis) finds nothing, as it would for a user.
            RejectedQueries++;
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>(k);
        foreach (SearchHit hit in result.Hits)
        {
            if (seen.Add(hit.SourceId))
            {
                ids.Add(hit.SourceId);
                if (ids.Count == k)
                {
                    break;
                }
            }
        }

        return ids;
    }

    public long IndexSizeBytes() => _folder.SizeInBytes();

    public void Dispose()
    {
        _service.Dispose();
        _folder.Dispose();
    }

    private static DocumentSource ToSource(CorpusDocument document) =>
        new(document.Id, document.Id + ".txt", Encoding.UTF8.GetBytes(document.IndexedText)) { Title = document.Title };
}
