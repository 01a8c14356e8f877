using System.Text;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Hosting.Models;
using Wenjin.Hosting.Search;
using Wenjin.Search;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Hosting.Tests.Search;

/// <summary>
/// Chunk embeddings and hybrid retrieval end to end: the façade, the OpenAI .NET client, real HTTP to the scripted
/// embeddings endpoint, vectors stored in SQLite, the in-memory index, and fusion with the lexical ranking.
/// </summary>
public sealed class HybridRetrievalTests : IAsyncDisposable
{
    private const string Kb = "handbook";
    private const int Dimensions = 16;

    // No word in common with the question "打车的费用怎么处理？": only an embedding that knows 打车 ≈ 出租车 finds it.
    private const string Taxi = "交通票据\n\n乘坐出租车的票据须在三十日内提交财务部门。";
    private const string Travel = "差旅费用\n\n出差的住宿费用按标准处理，超出部分自理。";
    private const string Meals = "餐饮补助\n\n员工加班晚餐补助为每次三十元。";

    private readonly TempDirectory _temp = new();
    private readonly List<KnowledgeBaseService> _services = [];
    private ScriptedModelServer? _model;

    [Fact]
    public async Task A_chunk_found_only_by_its_vector_is_fused_into_the_results_and_explained()
    {
        var service = await StartAsync(hybrid: HybridSearchOptions.Default with { Fusion = FusionMethod.Rrf });
        await service.EmbedPendingAsync(Kb, cancellationToken: Ct);

        var result = await service.SearchAsync(Kb, new SearchRequest("打车的费用怎么处理？") { Explain = true }, Ct);

        // The vector's best match, found by no query word; the lexical best (also a vector match) is fused above it.
        var taxi = Assert.Single(result.Hits, h => h.Text.Contains("出租车", StringComparison.Ordinal));
        Assert.Equal(2, taxi.Rank);
        var explanation = taxi.Explanation!;
        Assert.StartsWith("reciprocal-rank fusion (k = 60)", explanation.Description, StringComparison.Ordinal);
        Assert.Equal("not in the lexical results", explanation.Details[0].Description);
        Assert.Equal("vector rank 1: 1 / (60 + 1)", explanation.Details[1].Description);
        Assert.Equal(1.0 / 61, taxi.Score, 4);
        Assert.Contains("cosine similarity", explanation.Details[1].Details[0].Description, StringComparison.Ordinal);

        var travel = result.Hits[0];
        Assert.Contains("住宿", travel.Text, StringComparison.Ordinal);
        Assert.True(travel.Score > 1.0 / 61);
        Assert.StartsWith("lexical rank 1", travel.Explanation!.Details[0].Description, StringComparison.Ordinal);
        Assert.NotEmpty(travel.Explanation.Details[0].Details);
    }

    [Fact]
    public async Task Without_an_embedding_model_search_is_lexical_and_unchanged()
    {
        var service = await StartAsync(embeddings: false);

        var result = await service.SearchAsync(Kb, new SearchRequest("打车的费用怎么处理？") { Explain = true }, Ct);

        Assert.DoesNotContain(result.Hits, h => h.Text.Contains("出租车", StringComparison.Ordinal));
        Assert.All(result.Hits, h => Assert.DoesNotContain("fusion", h.Explanation!.Description, StringComparison.Ordinal));
        Assert.Null((await service.GetEmbeddingStatusAsync(Kb, Ct)).ConfiguredModel);
        Assert.Null(await service.EmbedPendingAsync(Kb, cancellationToken: Ct));
    }

    [Fact]
    public async Task Weighted_fusion_scales_both_sides_and_says_so()
    {
        var service = await StartAsync(hybrid: HybridSearchOptions.Default with { Fusion = FusionMethod.Weighted, VectorWeight = 0.7 });
        await service.EmbedPendingAsync(Kb, cancellationToken: Ct);

        var result = await service.SearchAsync(Kb, new SearchRequest("打车的费用怎么处理？") { Explain = true }, Ct);

        var top = result.Hits[0];
        Assert.Contains("出租车", top.Text, StringComparison.Ordinal);
        Assert.Equal("weighted fusion, sum of:", top.Explanation!.Description);
        Assert.StartsWith("0.7 × cosine scaled to [0, 1]", top.Explanation.Details[1].Description, StringComparison.Ordinal);
        Assert.Equal(0.7, top.Score, 4);
    }

    [Fact]
    public async Task Chunks_are_embedded_in_batches_with_title_and_headings_and_progress_is_reported()
    {
        var service = await StartAsync(batchSize: 2);
        var progress = new RecordingProgress<Storage.EmbeddingState>();

        var done = await service.EmbedPendingAsync(Kb, progress, Ct);
        var reports = progress.Reports;

        Assert.Equal((3L, 3L, 0L), (done!.Embedded, done.Chunks, done.Pending));
        var requests = _model!.EmbeddingRequests;
        Assert.Equal([1, 2], requests.Select(r => r.Embedding!.Inputs.Count).Order());
        Assert.Contains(requests.SelectMany(r => r.Embedding!.Inputs), text => text.StartsWith("交通票据\n", StringComparison.Ordinal) && text.Contains("出租车", StringComparison.Ordinal));
        Assert.Equal(0, reports[0].Embedded);
        Assert.Equal(3, reports[^1].Embedded);
        var status = await service.GetEmbeddingStatusAsync(Kb, Ct);
        Assert.Equal(("scripted-bge", "scripted-bge", Dimensions, 3L, false), (status.ConfiguredModel, status.Model, status.Dimensions, status.Embedded, status.Stale));
    }

    [Fact]
    public async Task An_interrupted_run_keeps_what_was_stored_and_the_next_run_embeds_only_the_rest()
    {
        var service = await StartAsync(batchSize: 1, concurrency: 1);
        _model!.Embeddings.Enqueue(EmbeddingScript.Vectors(ScriptedVectors.For("x", Dimensions)), EmbeddingScript.Status(400, message: "input too long"));

        await Assert.ThrowsAnyAsync<Exception>(() => service.EmbedPendingAsync(Kb, cancellationToken: Ct));

        var interrupted = await service.GetEmbeddingStatusAsync(Kb, Ct);
        Assert.Equal((1L, 2L), (interrupted.Embedded, interrupted.Pending));
        int before = _model.EmbeddingRequests.Count;

        var done = await service.EmbedPendingAsync(Kb, cancellationToken: Ct);

        Assert.Equal(0, done!.Pending);
        Assert.Equal(2, _model.EmbeddingRequests.Count - before);
    }

    [Fact]
    public async Task Changing_the_embedding_model_marks_the_vectors_stale_and_re_embeds()
    {
        var first = await StartAsync();
        await first.EmbedPendingAsync(Kb, cancellationToken: Ct);
        first.Dispose();
        _services.Remove(first);

        var second = Open(Options(model: "scripted-m3e"));
        var stale = await second.GetEmbeddingStatusAsync(Kb, Ct);
        Assert.True(stale.Stale);
        Assert.Equal(("scripted-bge", 0L), (stale.Model, stale.Embedded));

        // Stale vectors are never searched: until re-embedding, retrieval is lexical.
        var lexical = await second.SearchAsync(Kb, new SearchRequest("打车的费用怎么处理？"), Ct);
        Assert.DoesNotContain(lexical.Hits, h => h.Text.Contains("出租车", StringComparison.Ordinal));

        var done = await second.EmbedPendingAsync(Kb, cancellationToken: Ct);
        Assert.Equal(("scripted-m3e", 3L), (done!.Model, done.Embedded));
        Assert.Equal(3, _model!.EmbeddingRequests.Where(r => r.Model == "scripted-m3e").Sum(r => r.Embedding!.Inputs.Count));
        var hybrid = await second.SearchAsync(Kb, new SearchRequest("打车的费用怎么处理？"), Ct);
        Assert.Contains(hybrid.Hits, h => h.Text.Contains("出租车", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vectors_of_the_wrong_dimension_are_a_clear_error_and_nothing_is_stored()
    {
        var service = await StartAsync(dimensions: Dimensions);
        _model!.Embeddings.Enqueue(EmbeddingScript.WrongDimension(4));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => service.EmbedPendingAsync(Kb, cancellationToken: Ct));

        Assert.Contains("4", error.Message, StringComparison.Ordinal);
        Assert.Contains(Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await service.GetEmbeddingStatusAsync(Kb, Ct)).Embedded);
    }

    [Fact]
    public async Task When_the_embedding_server_fails_at_query_time_search_falls_back_to_lexical()
    {
        var service = await StartAsync();
        await service.EmbedPendingAsync(Kb, cancellationToken: Ct);
        _model!.Embeddings.Enqueue(EmbeddingScript.Status(500), EmbeddingScript.Status(500));

        var result = await service.SearchAsync(Kb, new SearchRequest("住宿费用怎么处理？") { Explain = true }, Ct);

        Assert.Contains("住宿", result.Hits[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("fusion", result.Hits[0].Explanation!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replaced_document_is_never_found_through_its_old_vectors()
    {
        var service = await StartAsync();
        await service.EmbedPendingAsync(Kb, cancellationToken: Ct);
        Assert.Contains((await service.SearchAsync(Kb, new SearchRequest("打车的费用怎么处理？"), Ct)).Hits, h => h.Text.Contains("出租车", StringComparison.Ordinal));

        await service.IngestAsync(Kb, [Source("交通.txt", "交通票据\n\n地铁票据按月汇总提交。")], cancellationToken: Ct);

        var result = await service.SearchAsync(Kb, new SearchRequest("打车的费用怎么处理？"), Ct);
        Assert.DoesNotContain(result.Hits, h => h.Text.Contains("出租车", StringComparison.Ordinal));
        Assert.Equal(1, (await service.GetEmbeddingStatusAsync(Kb, Ct)).Pending);
    }

    [Fact]
    public async Task Asking_uses_the_fused_retrieval_and_still_refuses_what_the_passages_do_not_say()
    {
        var service = await StartAsync();
        await service.EmbedPendingAsync(Kb, cancellationToken: Ct);

        var answered = await service.AskAsync(Kb, "加班晚餐补助是多少？", Ct);
        var refused = await service.AskAsync(Kb, "打车的费用怎么处理？", Ct);

        Assert.False(answered.Refused, answered.Reason);
        Assert.Contains("三十元", answered.Answer, StringComparison.Ordinal);
        Assert.True(refused.Refused);
        Assert.Contains(refused.Citations, c => c.Quote.Contains("出租车", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_knowledge_base_can_have_its_own_embedding_model_while_the_others_stay_lexical()
    {
        _model = await ScriptedModelServer.StartAsync(Ct);
        _model.Embeddings.Default = Embed;
        var own = Options(model: "kb-own-model").Embeddings;
        var service = Open(WenjinOptions.Default with
        {
            KnowledgeBases = new Dictionary<string, Routing.KnowledgeBaseModelOptions> { [Kb] = new() { Embeddings = own } },
        });
        await service.IngestAsync(Kb, [Source("交通.txt", Taxi), Source("差旅.txt", Travel)], cancellationToken: Ct);
        await service.IngestAsync("plain", [Source("交通.txt", Taxi)], cancellationToken: Ct);

        var embedded = await service.EmbedPendingAsync(Kb, cancellationToken: Ct);

        Assert.Equal(("kb-own-model", 2L), (embedded!.Model, embedded.Embedded));
        Assert.Null(await service.EmbedPendingAsync("plain", cancellationToken: Ct));
        Assert.Null((await service.GetEmbeddingStatusAsync("plain", Ct)).ConfiguredModel);
        Assert.Null(service.EmbeddingModel);
        Assert.All(_model.EmbeddingRequests, r => Assert.Equal("kb-own-model", r.Model));
        var hits = (await service.SearchAsync(Kb, new SearchRequest("打车的费用怎么处理？"), Ct)).Hits;
        Assert.Contains(hits, h => h.Text.Contains("出租车", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reranker_reorders_the_best_chunks_and_the_explanation_keeps_the_order_before_it()
    {
        _model = await ScriptedModelServer.StartAsync(Ct);
        var service = Open(WenjinOptions.Default with
        {
            Reranker = new RerankerOptions { BaseUrl = _model.BaseUrl.ToString(), Model = "scripted-reranker", Top = 2, RetryDelay = TimeSpan.FromMilliseconds(10) },
        });
        await service.IngestAsync(Kb, [Source("差旅.txt", Travel), Source("餐饮.txt", Meals), Source("交通.txt", Taxi)], cancellationToken: Ct);
        const string Query = "员工出差住宿费用、加班晚餐补助和出租车票据";
        var lexical = (await Open(WenjinOptions.Default).SearchAsync(Kb, new SearchRequest(Query) { Top = 1 }, Ct)).Hits;
        Assert.Single(lexical);
        // The scripted reranker scores the two best chunks in reverse.
        _model.Rerank.Enqueue(RerankScript.Scores(0.1, 0.9));

        var hits = (await service.SearchAsync(Kb, new SearchRequest(Query) { Top = 1, Explain = true }, Ct)).Hits;
        var all = (await Open(WenjinOptions.Default).SearchAsync(Kb, new SearchRequest(Query) { Top = 3 }, Ct)).Hits;

        // Top 1 was asked for, yet the reranker saw its top 2: the second lexical chunk wins.
        Assert.Equal(3, all.Count);
        Assert.Equal([all[1].ChunkId], hits.Select(h => h.ChunkId));
        Assert.Equal(0.9, hits[0].Score);
        Assert.Equal("reranker score (scripted-reranker); rank before reranking 2", hits[0].Explanation!.Description);
        Assert.NotEmpty(hits[0].Explanation!.Details);
        _model.Rerank.Enqueue(RerankScript.Scores(0.1, 0.9));
        var three = (await service.SearchAsync(Kb, new SearchRequest(Query) { Top = 3, Explain = true }, Ct)).Hits;
        Assert.Equal([all[1].ChunkId, all[0].ChunkId, all[2].ChunkId], three.Select(h => h.ChunkId));
        Assert.All(three.Skip(2), h => Assert.Equal("not reranked (below the reranker's top 2)", h.Explanation!.Description));
        Assert.All(three.Skip(2), h => Assert.Equal(0, h.Score));
        Assert.Equal(2, _model.RerankRequests.Count);
        Assert.All(_model.RerankRequests, sent => Assert.Equal("scripted-reranker", sent.Model));
    }

    [Fact]
    public async Task When_the_reranker_fails_the_retrieval_order_stands()
    {
        _model = await ScriptedModelServer.StartAsync(Ct);
        var service = Open(WenjinOptions.Default with
        {
            Reranker = new RerankerOptions { BaseUrl = _model.BaseUrl.ToString(), Model = "scripted-reranker", MaxRetries = 0 },
        });
        await service.IngestAsync(Kb, [Source("差旅.txt", Travel), Source("餐饮.txt", Meals)], cancellationToken: Ct);
        _model.Rerank.Enqueue(RerankScript.Status(503));

        var answer = await service.AskAsync(Kb, "加班晚餐补助是多少？", Ct);
        var hits = (await service.SearchAsync(Kb, new SearchRequest("加班晚餐补助"), Ct)).Hits;

        Assert.False(answer.Refused, answer.Reason);
        Assert.Contains("三十元", answer.Answer, StringComparison.Ordinal);
        Assert.Contains("三十元", hits[0].Text, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            service.Dispose();
        }

        if (_model is not null)
        {
            await _model.DisposeAsync();
        }

        _temp.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocumentSource Source(string name, string text) => new(name, name, Encoding.UTF8.GetBytes(text));

    // 打车 and 出租车 mean the same thing: the scripted "model" maps both to one concept vector; other texts get the
    // deterministic character-bag vectors.
    private static IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts) =>
        texts.Select(text => text.Contains("打车", StringComparison.Ordinal) || text.Contains("出租车", StringComparison.Ordinal)
            ? Concept()
            : ScriptedVectors.For(text, Dimensions)).ToArray();

    private static float[] Concept()
    {
        var vector = new float[Dimensions];
        vector[Dimensions - 1] = 1;
        return vector;
    }

    private async Task<KnowledgeBaseService> StartAsync(bool embeddings = true, int batchSize = 32, int concurrency = 2, int? dimensions = null, HybridSearchOptions? hybrid = null)
    {
        _model = await ScriptedModelServer.StartAsync(Ct);
        _model.Embeddings.Default = Embed;
        var options = Options(batchSize: batchSize, dimensions: dimensions) with { Hybrid = (hybrid ?? HybridSearchOptions.Default) with { EmbedConcurrency = concurrency } };
        var service = Open(embeddings ? options : options with { Embeddings = new EmbeddingModelOptions() });
        await service.IngestAsync(Kb, [Source("交通.txt", Taxi), Source("差旅.txt", Travel), Source("餐饮.txt", Meals)], cancellationToken: Ct);
        return service;
    }

    private WenjinOptions Options(string model = "scripted-bge", int batchSize = 32, int? dimensions = null) => WenjinOptions.Default with
    {
        Embeddings = new EmbeddingModelOptions
        {
            BaseUrl = _model!.BaseUrl.ToString(),
            Model = model,
            BatchSize = batchSize,
            Dimensions = dimensions,
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Timeout = TimeSpan.FromSeconds(20),
        },
    };

    private KnowledgeBaseService Open(WenjinOptions options)
    {
        var service = KnowledgeBaseService.Open(_temp.Combine("data"), options);
        _services.Add(service);
        return service;
    }
}
