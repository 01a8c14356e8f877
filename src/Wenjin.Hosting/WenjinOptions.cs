using Wenjin.Documents;
using Wenjin.Hosting.Answering;
using Wenjin.Hosting.Answering.Generation;
using Wenjin.Hosting.Models;
using Wenjin.Hosting.Routing;
using Wenjin.Hosting.Search;

namespace Wenjin.Hosting;

/// <summary>Everything a host can tune. Defaults need no configuration.</summary>
public sealed record WenjinOptions
{
    public ChunkingOptions Chunking { get; init; } = ChunkingOptions.Default;

    public RankingOptions Ranking { get; init; } = RankingOptions.Default;

    public AnswerOptions Answering { get; init; } = AnswerOptions.Default;

    /// <summary>Files larger than this are recorded as failed (TooLarge) without being read; also the parsers' byte limit.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// What a parser may spend on one document: characters, pages, time, and how far compressed content may expand
    /// (zip entries of a DOCX, PDF streams). Its byte limit is always <see cref="MaxFileBytes"/>.
    /// </summary>
    public Wenjin.Parsing.ParsingLimits Parsing { get; init; } = Wenjin.Parsing.ParsingLimits.Default;

    /// <summary>Documents parsed and analyzed at the same time; the store writes one at a time.</summary>
    public int IngestParallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>The chat model for generated answers; not configured → extractive answers (no model).</summary>
    public ChatModelOptions Chat { get; init; } = new();

    /// <summary>The embedding model for chunk vectors and hybrid retrieval; not configured → lexical retrieval only.</summary>
    public EmbeddingModelOptions Embeddings { get; init; } = new();

    /// <summary>A reranker applied to the best fused chunks; not configured → the fused order stands.</summary>
    public RerankerOptions Reranker { get; init; } = new();

    /// <summary>How lexical and vector rankings are fused, and how vectors are searched.</summary>
    public HybridSearchOptions Hybrid { get; init; } = HybridSearchOptions.Default;

    /// <summary>Models of particular knowledge bases, by name, overriding <see cref="Chat"/> / <see cref="Embeddings"/> for them.</summary>
    public IReadOnlyDictionary<string, KnowledgeBaseModelOptions> KnowledgeBases { get; init; } = new Dictionary<string, KnowledgeBaseModelOptions>(StringComparer.Ordinal);

    /// <summary>How generated answers are checked against their citations.</summary>
    public VerificationOptions Verification { get; init; } = VerificationOptions.Default;

    public static WenjinOptions Default { get; } = new();
}
