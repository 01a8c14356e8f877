using Wenjin.Answers;
using Wenjin.Documents;
using Wenjin.Evaluation;
using Wenjin.Ingestion;
using Wenjin.Search;
using Wenjin.Storage;

namespace Wenjin;

/// <summary>
/// The one façade over Wenjin: every host (CLI, server) calls this and nothing below it. Knowledge bases are addressed
/// by name; an unknown name throws WenjinException(NotFound), misuse throws WenjinException(InvalidInput).
/// </summary>
public interface IKnowledgeBase
{
    Task<KnowledgeBaseInfo> CreateAsync(string name, string? description, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync(CancellationToken cancellationToken = default);

    Task<KnowledgeBaseInfo> GetAsync(string name, CancellationToken cancellationToken = default);

    Task DeleteAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ingests files and folders (recursively), creating the knowledge base when it does not exist. Each document is
    /// written atomically and reported done only after its commit; a bad document is recorded as failed and the batch goes on.
    /// </summary>
    Task<IngestSummary> IngestPathsAsync(string kb, IReadOnlyList<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Ingests in-memory sources (uploads); .jsonl sources expand to one document per record.</summary>
    Task<IngestSummary> IngestAsync(string kb, IEnumerable<DocumentSource> sources, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string kb, CancellationToken cancellationToken = default);

    Task<SearchResult> SearchAsync(string kb, SearchRequest request, CancellationToken cancellationToken = default);

    Task<AskResult> AskAsync(string kb, string question, CancellationToken cancellationToken = default);

    Task<EvalReport> EvaluateAsync(string kb, IReadOnlyList<QaItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}
