using Wenjin.Analysis;

namespace Wenjin.Storage;

/// <summary>A knowledge base as stored: its name, the analyzer its index was built with, and counts.</summary>
public sealed record KnowledgeBaseInfo(string Name, string? Description, AnalyzerSignature Analyzer, DateTimeOffset CreatedAt)
{
    public int DocumentCount { get; init; }

    public int ChunkCount { get; init; }
}
