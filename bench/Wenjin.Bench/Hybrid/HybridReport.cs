using System.Globalization;
using System.Text;
using Wenjin.Bench.Beir;
using Wenjin.Bench.Reporting;

namespace Wenjin.Bench.Hybrid;

/// <summary>
/// Renders one dataset's <c>hybrid</c> results: a header that says which embedding model produced the vectors (and,
/// for the stand-in, that it is not a semantic model), the corpus and embedding run, then one Markdown row per
/// variant with quality in %, the MRR@10 difference from lexical retrieval in points, how many queries ranked their
/// first relevant document higher or lower than lexical retrieval did, and search latency.
/// </summary>
internal static class HybridReport
{
    public static string Render(HybridDatasetResult result, EmbeddingEndpoint endpoint)
    {
        var text = new StringBuilder();
        text.AppendLine(F($"## Hybrid retrieval: {result.Dataset}, document level, top {BeirBenchmark.Depth} (quality in %, Δ in points vs lexical)"));
        text.AppendLine();
        if (endpoint.IsStandIn)
        {
            text.AppendLine("**Embedding model: a stand-in, not a semantic model.** No model weights exist on this machine, so the vectors come from");
            text.AppendLine(F($"a deterministic model of {HashedCharacterNgramModel.Description}."));
            text.AppendLine("It is a lexical-ish dense retriever: it rewards shared characters and character pairs and cannot relate synonyms or");
            text.AppendLine("paraphrases. These rows measure fusion of two lexical signals; rerun with --base-url/--model to measure a real model.");
        }
        else
        {
            text.AppendLine(F($"Embedding model: {endpoint.Description}."));
        }

        EmbeddingThroughput embedding = result.Embedding;
        text.AppendLine();
        text.AppendLine(F($"Corpus: {result.Documents} documents → {result.Chunks} chunks (ingested in {result.IngestSeconds:F1} s); {result.Queries} judged queries."));
        string requests = embedding.Requests is { } count ? F($"{count} requests of ≤ {embedding.BatchSize} texts") : F($"batches of ≤ {embedding.BatchSize} texts");
        text.AppendLine(F($"Embedding: {embedding.Chunks} chunks × {embedding.Dimensions} dims as '{embedding.Model}' in {embedding.Seconds:F2} s = {embedding.ChunksPerSecond:F0} chunks/s over HTTP ({requests}, {embedding.Concurrency} in flight)."));
        text.AppendLine();

        var table = new MarkdownTable("variant", "R@1", "R@5", "R@10", "MRR@10", "nDCG@10", "Δ MRR@10", "better", "worse", "p50 ms", "p99 ms");
        FusionVariantResult? lexical = result.Variants.FirstOrDefault(row => row.Variant == FusionVariant.LexicalName);
        foreach (FusionVariantResult row in result.Variants)
        {
            bool baseline = ReferenceEquals(row, lexical) || lexical is null;
            table.AddRow(
                row.Variant,
                Percent(row.RecallAt1),
                Percent(row.RecallAt5),
                Percent(row.RecallAt10),
                Percent(row.MrrAt10),
                Percent(row.NdcgAt10),
                baseline ? "" : Signed(100 * (row.MrrAt10 - lexical!.MrrAt10)),
                baseline ? "" : row.BetterThanLexical.ToString(CultureInfo.InvariantCulture),
                baseline ? "" : row.WorseThanLexical.ToString(CultureInfo.InvariantCulture),
                F($"{row.P50Ms:F2}"),
                F($"{row.P99Ms:F2}"));
        }

        text.Append(table);
        text.AppendLine("better / worse: queries whose first relevant document ranks higher / lower (within the top 10) than with lexical retrieval.");
        text.AppendLine("Latency: one search at a time through the façade; rows with vectors include embedding the question over HTTP.");
        if (result.Variants.All(row => row.EmbeddingRequests is not null))
        {
            int texts = result.DistinctSearchTexts;
            bool onePerText = result.Variants.All(row => row.EmbeddingRequests == (row.Fusion == "none" ? 0 : texts));
            text.AppendLine(onePerText
                ? F($"Embeddings requests while searching: one per distinct question text ({texts} per variant with vectors, warm-up included; a repeated question is cached), none for lexical: no chunk was embedded again.")
                : F($"Note: embeddings requests while searching ({string.Join(", ", result.Variants.Select(row => $"{row.Variant}: {row.EmbeddingRequests}"))}) differ from one per distinct question text ({texts}): see the JSON."));
        }

        foreach (FusionVariantResult row in result.Variants.Where(row => row.LexicalFallbacks > 0 || row.RejectedQueries > 0))
        {
            text.AppendLine(F($"Note: {row.Variant}: {row.LexicalFallbacks} searches fell back to lexical (question embedding failed), {row.RejectedQueries} queries rejected as invalid input."));
        }

        return text.ToString();
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture);

    private static string Signed(double points) => (points >= 0 ? "+" : "") + points.ToString("F1", CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
