namespace Wenjin.Bench.Hybrid;

/// <summary>
/// Embedding every chunk of a dataset once through <c>KnowledgeBaseService.EmbedPendingAsync</c>, over real HTTP to an
/// OpenAI-compatible embeddings endpoint: how many chunks, in how many requests, in what wall time.
/// </summary>
internal sealed record EmbeddingThroughput
{
    /// <summary>The model name the vectors are stored under.</summary>
    public required string Model { get; init; }

    /// <summary>What the model is (the stand-in's description, or the external server's address).</summary>
    public required string Description { get; init; }

    public required int Dimensions { get; init; }

    public required long Chunks { get; init; }

    /// <summary>HTTP requests to the embeddings endpoint; null when an external model server was used.</summary>
    public int? Requests { get; init; }

    public required int BatchSize { get; init; }

    public required int Concurrency { get; init; }

    public required double Seconds { get; init; }

    public double ChunksPerSecond => Seconds > 0 ? Chunks / Seconds : double.NaN;
}
