using Wenjin.Bench.Beir;
using Wenjin.Bench.Reporting;

namespace Wenjin.Bench.Hybrid;

/// <summary>
/// <c>hybrid</c>: lexical retrieval against every fusion choice of hybrid retrieval (<see cref="FusionVariant.All"/>)
/// on one BEIR dataset, with chunks and questions embedded over real HTTP — by default by the deterministic stand-in
/// model on an in-process scripted model server, or by a real model server given with --base-url and --model.
/// </summary>
internal static class HybridCommand
{
    private const int DefaultDimensions = 256;

    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        string folder = options.Required("dataset");
        int? limitQueries = options.PositiveInt("limit-queries");
        int? limitDocuments = options.PositiveInt("limit-docs");
        string? baseUrl = options.Value("base-url");
        string? model = options.Value("model");
        if ((baseUrl is null) != (model is null))
        {
            throw new FormatException("--base-url and --model go together: both name a real embedding model, neither uses the stand-in.");
        }

        if (baseUrl is not null && options.Value("dims") is not null)
        {
            throw new FormatException("--dims sizes the stand-in model only; a real model decides its own dimensions.");
        }

        int dimensions = options.PositiveInt("dims") ?? DefaultDimensions;
        BeirDataset corpus = limitDocuments is { } documents
            ? BeirDataset.Load(folder).TakeDocuments(documents, limitQueries)
            : BeirDataset.Load(folder, limitQueries);
        Console.Error.WriteLine($"[{corpus.Name}] {corpus.Documents.Count} documents, {corpus.Queries.Count} judged queries");

        await using EmbeddingEndpoint endpoint = baseUrl is null
            ? await EmbeddingEndpoint.StartStandInAsync(dimensions).ConfigureAwait(false)
            : EmbeddingEndpoint.External(baseUrl, model!);
        var benchmark = new HybridBenchmark(endpoint, options.Value("query-instruction"));
        HybridDatasetResult result = await benchmark.RunAsync(corpus, FusionVariant.All).ConfigureAwait(false);

        Console.WriteLine(HybridReport.Render(result, endpoint));
        if (options.Value("json") is { } jsonPath)
        {
            BenchJson.Write(jsonPath, new { standInEmbeddings = endpoint.IsStandIn, hybrid = result });
            Console.WriteLine($"Results written to {jsonPath}");
        }

        return 0;
    }
}
