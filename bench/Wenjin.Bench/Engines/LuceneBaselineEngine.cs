using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Wenjin.Bench.Corpus;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Wenjin.Bench.Engines;

/// <summary>
/// The same-run baseline: stock Lucene.NET 4.8 with <see cref="CJKAnalyzer"/> (overlapping CJK bigrams; the
/// StandardAnalyzer would index single Han characters) and BM25 (k1 = 1.2, b = 0.75). Title and text go into one
/// "body" field; a query is its escaped text parsed by the classic QueryParser with the default OR operator. The
/// index lives in an FSDirectory in a temporary folder so that its size on disk can be reported.
/// </summary>
internal sealed class LuceneBaselineEngine : IRetrievalEngine
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string BodyField = "body";

    private readonly TemporaryDirectory _folder = new("wenjin-bench-lucene");
    private readonly Analyzer _analyzer = new CJKAnalyzer(Version);
    private readonly Similarity _similarity = new BM25Similarity();
    private readonly LuceneDirectory _directory;
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;

    public LuceneBaselineEngine()
    {
        _directory = FSDirectory.Open(_folder.FullPath);

        // Long CJK queries expand to one SHOULD clause per bigram; lift the default cap of 1024 clauses.
        BooleanQuery.MaxClauseCount = 8192;
    }

    public string Name => "Lucene";

    public Task<int> IndexAsync(IEnumerable<CorpusDocument> documents, CancellationToken cancellationToken = default)
    {
        var config = new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = _similarity,
            RAMBufferSizeMB = 64,
        };

        int count = 0;
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (CorpusDocument document in documents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.AddDocument(
                [
                    new StringField(IdField, document.Id, Field.Store.YES),
                    new TextField(BodyField, document.IndexedText, Field.Store.NO),
                ]);
                count++;
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = _similarity };
        return Task.FromResult(count);
    }

    public Task<IReadOnlyList<string>> SearchAsync(string query, int k, CancellationToken cancellationToken = default)
    {
        IndexSearcher searcher = _searcher ?? throw new InvalidOperationException("Search before IndexAsync.");

        // A parser is cheap and not thread-safe, so each query gets its own; its parse time is part of the latency.
        var parser = new QueryParser(Version, BodyField, _analyzer) { DefaultOperator = Operator.OR };
        Query? parsed = parser.Parse(QueryParserBase.Escape(query));
        if (parsed is null)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        TopDocs top = searcher.Search(parsed, k);
        var ids = new List<string>(top.ScoreDocs.Length);
        foreach (ScoreDoc hit in top.ScoreDocs)
        {
            ids.Add(searcher.Doc(hit.Doc).Get(IdField));
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    public long IndexSizeBytes() => _folder.SizeInBytes();

    public void Dispose()
    {
        _reader?.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
        _folder.Dispose();
    }
}
