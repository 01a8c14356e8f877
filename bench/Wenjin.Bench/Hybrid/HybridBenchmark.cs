using System.Diagnostics;
using System.Text;
using Wenjin.Bench.Beir;
using Wenjin.Bench.Corpus;
using Wenjin.Bench.Engines;
using Wenjin.Bench.Metrics;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Hosting;
using Wenjin.Hosting.Search;
using Wenjin.Ingestion;
using Wenjin.Search;
using Wenjin.Storage;

namespace Wenjin.Bench.Hybrid;

/// <summary>
/// Runs the <c>hybrid</c> benchmark on one dataset. The corpus is ingested and embedded once, in a fresh data
/// directory, by a service configured with the embedding model; then each <see cref="FusionVariant"/> opens its own
/// service on the same directory with its own options. Vectors are stored in SQLite under the model's name, so a
/// service opened with the same model name searches them without embedding anything again (checked before each
/// variant runs). Every judged query is searched once per variant through the public façade, exactly as
/// <see cref="WenjinEngine"/> does: <see cref="WenjinEngine.ChunksPerQuery"/> chunks, the first chunk of each
/// document in rank order, the top <see cref="BeirBenchmark.Depth"/> documents scored.
/// </summary>
internal sealed class HybridBenchmark
{
    /// <summary>Untimed searches run first so JIT compilation and cold caches do not land in the latencies.</summary>
    private const int WarmUpQueries = 5;

    private const string KnowledgeBaseName = "bench";

    private readonly EmbeddingEndpoint _endpoint;
    private readonly string? _queryInstruction;
    private readonly WarningCounter _warnings = new();

    /// <param name="endpoint">Where chunks and questions are embedded.</param>
    /// <param name="queryInstruction">Text put before each question when it is embedded (BGE-style models), or null.</param>
    public HybridBenchmark(EmbeddingEndpoint endpoint, string? queryInstruction)
    {
        _endpoint = endpoint;
        _queryInstruction = queryInstruction;
    }

    public async Task<HybridDatasetResult> RunAsync(BeirDataset corpus, IReadOnlyList<FusionVariant> variants, CancellationToken cancellationToken = default)
    {
        using var folder = new TemporaryDirectory("wenjin-bench-hybrid");
        var (chunks, ingestSeconds, embedding) = await IngestAndEmbedAsync(folder.FullPath, corpus, cancellationToken).ConfigureAwait(false);

        var results = new List<FusionVariantResult>(variants.Count);
        double[]? lexicalRanks = null;
        foreach (FusionVariant variant in variants)
        {
            using KnowledgeBaseService service = KnowledgeBaseService.Open(folder.FullPath, OptionsFor(variant), _warnings);
            if (variant.UsesVectors)
            {
                await RequireAllEmbeddedAsync(service, embedding.Model, corpus.Name, cancellationToken).ConfigureAwait(false);
            }

            int? requestsBefore = _endpoint.RequestCount;
            var (measured, reciprocalRanks) = await MeasureAsync(service, corpus, variant, lexicalRanks, cancellationToken).ConfigureAwait(false);
            FusionVariantResult result = measured with { EmbeddingRequests = _endpoint.RequestCount - requestsBefore };
            if (variant.Name == FusionVariant.LexicalName)
            {
                lexicalRanks = reciprocalRanks;
            }

            results.Add(result);
            Console.Error.WriteLine($"[{corpus.Name}] {variant.Name}: MRR@10 {100 * result.MrrAt10:F1}, p50 {result.P50Ms:F2} ms");
        }

        return new HybridDatasetResult
        {
            Dataset = corpus.Name,
            MeasuredAt = DateTimeOffset.UtcNow,
            Documents = corpus.Documents.Count,
            Chunks = chunks,
            Queries = corpus.Queries.Count,
            DistinctSearchTexts = SearchTexts(corpus).Distinct(StringComparer.Ordinal).Count(),
            IngestSeconds = ingestSeconds,
            Embedding = embedding,
            Variants = results,
        };
    }

    private WenjinOptions OptionsFor(FusionVariant variant) =>
        variant.Hybrid is { } hybrid
            ? WenjinOptions.Default with { Embeddings = _endpoint.Options, Hybrid = hybrid with { QueryInstruction = _queryInstruction } }
            : WenjinOptions.Default;

    /// <summary>
    /// Ingests the corpus and embeds every chunk with one service configured with the embedding model, timing the two
    /// separately (ingestion ends with the compaction <see cref="WenjinEngine"/> also runs, so search costs match).
    /// </summary>
    private async Task<(int Chunks, double IngestSeconds, EmbeddingThroughput Embedding)> IngestAndEmbedAsync(
        string dataDirectory, BeirDataset corpus, CancellationToken cancellationToken)
    {
        WenjinOptions options = WenjinOptions.Default with { Embeddings = _endpoint.Options };
        using KnowledgeBaseService service = KnowledgeBaseService.Open(dataDirectory, options, _warnings);
        IKnowledgeBase knowledgeBase = service;

        Console.Error.WriteLine($"[{corpus.Name}] ingesting {corpus.Documents.Count} documents");
        var ingestClock = Stopwatch.StartNew();
        await knowledgeBase.CreateAsync(KnowledgeBaseName, "hybrid benchmark corpus", cancellationToken).ConfigureAwait(false);
        IngestSummary summary = await knowledgeBase.IngestAsync(KnowledgeBaseName, corpus.Documents.Select(ToSource), progress: null, cancellationToken).ConfigureAwait(false);
        service.Optimize();
        ingestClock.Stop();
        if (summary.Failed > 0)
        {
            IngestFailure first = summary.Failures.Count > 0 ? summary.Failures[0] : new IngestFailure("?", "?", "?");
            Console.Error.WriteLine($"warning: Wenjin failed to ingest {summary.Failed} documents (first: {first.SourceId} at {first.Stage}: {first.Error})");
        }

        Console.Error.WriteLine($"[{corpus.Name}] embedding {summary.Chunks} chunks with {_endpoint.Description}");
        int requestsBefore = _endpoint.RequestCount ?? 0;
        var embedClock = Stopwatch.StartNew();
        EmbeddingState? embedded;
        try
        {
            embedded = await service.EmbedPendingAsync(KnowledgeBaseName, progress: null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An unreachable or misbehaving model server (after the product's retries) is the user's to fix: one line, exit 1.
            throw new IOException($"Embedding the chunks with {_endpoint.Description} failed: {exception.Message}", exception);
        }

        EmbeddingState state = embedded ?? throw new InvalidOperationException("The service was opened with an embedding model but reports none.");
        embedClock.Stop();
        var embedding = new EmbeddingThroughput
        {
            Model = state.Model ?? "",
            Description = _endpoint.Description,
            Dimensions = state.Dimensions,
            Chunks = state.Embedded,
            Requests = _endpoint.RequestCount - requestsBefore,
            BatchSize = options.Embeddings.BatchSize,
            Concurrency = options.Hybrid.EmbedConcurrency,
            Seconds = embedClock.Elapsed.TotalSeconds,
        };
        Console.Error.WriteLine($"[{corpus.Name}] embedded {embedding.Chunks} chunks in {embedding.Seconds:F1} s ({embedding.ChunksPerSecond:F0} chunks/s)");
        return (summary.Chunks, ingestClock.Elapsed.TotalSeconds, embedding);
    }

    /// <summary>
    /// Fails unless every chunk has a current vector of <paramref name="model"/>: a variant searched with missing or
    /// stale vectors would be partly or wholly lexical and its row would lie.
    /// </summary>
    private static async Task RequireAllEmbeddedAsync(KnowledgeBaseService service, string model, string dataset, CancellationToken cancellationToken)
    {
        EmbeddingStatus status = await service.GetEmbeddingStatusAsync(KnowledgeBaseName, cancellationToken).ConfigureAwait(false);
        if (status.Model != model || status.ConfiguredModel != model || status.Pending > 0)
        {
            throw new InvalidDataException(
                $"[{dataset}] the reopened service does not see every chunk's vector (configured {status.ConfiguredModel}, stored {status.Model}, {status.Embedded} of {status.Chunks} embedded).");
        }
    }

    private async Task<(FusionVariantResult Result, double[] ReciprocalRanks)> MeasureAsync(
        KnowledgeBaseService service, BeirDataset corpus, FusionVariant variant, double[]? lexicalRanks, CancellationToken cancellationToken)
    {
        foreach (string text in WarmUpTexts(corpus))
        {
            await SearchAsync(service, text, cancellationToken).ConfigureAwait(false);
        }

        _warnings.Reset();
        int rejected = 0;
        var latency = new LatencyRecorder();
        var reciprocalRanks = new double[corpus.Queries.Count];
        double recall1 = 0, recall5 = 0, recall10 = 0, ndcg = 0;
        int better = 0, worse = 0;
        for (int i = 0; i < corpus.Queries.Count; i++)
        {
            BeirQuery query = corpus.Queries[i];
            long start = Stopwatch.GetTimestamp();
            IReadOnlyList<string>? ranked = await SearchAsync(service, query.Text, cancellationToken).ConfigureAwait(false);
            latency.Record(Stopwatch.GetElapsedTime(start));
            if (ranked is null)
            {
                rejected++;
                ranked = [];
            }

            recall1 += RetrievalMetrics.RecallAt(ranked, query.Relevance, 1);
            recall5 += RetrievalMetrics.RecallAt(ranked, query.Relevance, 5);
            recall10 += RetrievalMetrics.RecallAt(ranked, query.Relevance, 10);
            ndcg += RetrievalMetrics.NdcgAt(ranked, query.Relevance, BeirBenchmark.Depth);
            reciprocalRanks[i] = RetrievalMetrics.ReciprocalRankAt(ranked, query.Relevance, BeirBenchmark.Depth);
            if (lexicalRanks is not null)
            {
                better += reciprocalRanks[i] > lexicalRanks[i] ? 1 : 0;
                worse += reciprocalRanks[i] < lexicalRanks[i] ? 1 : 0;
            }
        }

        if (_warnings.Count > 0)
        {
            Console.Error.WriteLine($"warning: [{corpus.Name}] {variant.Name}: {_warnings.Count} searches fell back to lexical (first: {_warnings.First})");
        }

        int n = Math.Max(1, corpus.Queries.Count);
        var result = new FusionVariantResult
        {
            Variant = variant.Name,
            Fusion = variant.Hybrid is null ? "none" : variant.Hybrid.Fusion == FusionMethod.Rrf ? "rrf" : "weighted",
            RrfK = variant.Hybrid is { Fusion: FusionMethod.Rrf } rrf ? rrf.RrfK : null,
            VectorWeight = variant.Hybrid is { Fusion: FusionMethod.Weighted } weighted ? weighted.VectorWeight : null,
            Queries = corpus.Queries.Count,
            RecallAt1 = recall1 / n,
            RecallAt5 = recall5 / n,
            RecallAt10 = recall10 / n,
            MrrAt10 = reciprocalRanks.Sum() / n,
            NdcgAt10 = ndcg / n,
            P50Ms = latency.Percentile(50),
            P99Ms = latency.Percentile(99),
            BetterThanLexical = better,
            WorseThanLexical = worse,
            RejectedQueries = rejected,
            LexicalFallbacks = _warnings.Count,
        };
        return (result, reciprocalRanks);
    }

    /// <summary>
    /// The first questions with a space after them: the analyzer ignores it, but the product's embedding cache (keyed by
    /// the exact text) does not, so the timed searches still pay for embedding their question as a first-time question would.
    /// </summary>
    private static IEnumerable<string> WarmUpTexts(BeirDataset corpus) =>
        corpus.Queries.Take(WarmUpQueries).Select(query => query.Text + " ");

    /// <summary>Every text one variant searches, warm-up first.</summary>
    private static IEnumerable<string> SearchTexts(BeirDataset corpus) =>
        WarmUpTexts(corpus).Concat(corpus.Queries.Select(query => query.Text));

    /// <summary>
    /// The best <see cref="BeirBenchmark.Depth"/> distinct documents for <paramref name="text"/>, best first; null when
    /// Wenjin refuses the query as invalid input (e.g. nothing searchable left after analysis).
    /// </summary>
    private static async Task<IReadOnlyList<string>?> SearchAsync(KnowledgeBaseService service, string text, CancellationToken cancellationToken)
    {
        SearchResult result;
        try
        {
            result = await service.SearchAsync(KnowledgeBaseName, new SearchRequest(text) { Top = WenjinEngine.ChunksPerQuery }, cancellationToken).ConfigureAwait(false);
        }
        catch (WenjinException exception) when (exception.Kind == WenjinErrorKind.InvalidInput)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var documents = new List<string>(BeirBenchmark.Depth);
        foreach (SearchHit hit in result.Hits)
        {
            if (seen.Add(hit.SourceId))
            {
                documents.Add(hit.SourceId);
                if (documents.Count == BeirBenchmark.Depth)
                {
                    break;
                }
            }
        }

        return documents;
    }

    /// <summary>The same source <see cref="WenjinEngine"/> indexes for a corpus record, so the lexical rows match <c>beir</c>'s.</summary>
    private static DocumentSource ToSource(CorpusDocument document) =>
        new(document.Id, document.Id + ".txt", Encoding.UTF8.GetBytes(document.IndexedText)) { Title = document.Title };
}
