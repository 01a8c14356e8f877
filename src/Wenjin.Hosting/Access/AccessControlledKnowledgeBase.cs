using System.Runtime.CompilerServices;
using Wenjin.Access;
using Wenjin.Answers;
using Wenjin.Briefs;
using Wenjin.Conversations;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Evaluation;
using Wenjin.Extraction;
using Wenjin.Ingestion;
using Wenjin.Search;
using Wenjin.Storage;

namespace Wenjin.Hosting.Access;

/// <summary>
/// The façade as one caller may use it. Every call first resolves the caller's access to the knowledge base it
/// names and only then reaches the knowledge base: retrieval, answers, citations, document text, originals,
/// conversations, evaluations, records and briefs of a knowledge base the caller has no grant on are never computed,
/// because each knowledge base has its own index and every query runs inside exactly one of them. A knowledge base
/// without a grant is reported NotFound, exactly as one that does not exist; one that is visible but where the role
/// is too low gives Forbidden. Conversations belong to the user who started them: other users' conversations are
/// NotFound, even for admins.
/// </summary>
public sealed class AccessControlledKnowledgeBase : IKnowledgeBase
{
    private readonly IKnowledgeBase _inner;
    private readonly IAccountStore _accounts;
    private readonly Caller _caller;

    public AccessControlledKnowledgeBase(IKnowledgeBase inner, IAccountStore accounts, Caller caller)
    {
        _inner = inner;
        _accounts = accounts;
        _caller = caller;
    }

    public Caller Caller => _caller;

    public async Task<KnowledgeBaseInfo> CreateAsync(string name, string? description, CancellationToken cancellationToken = default)
    {
        if (!_caller.MayCreateKnowledgeBases)
        {
            throw new WenjinException(WenjinErrorKind.Forbidden, "This API key may not create knowledge bases (it is read-only or limited to some knowledge bases); use a session or an unrestricted key.");
        }

        var created = await _inner.CreateAsync(name, description, cancellationToken).ConfigureAwait(false);
        // The creator owns what they created; an admin too, so the grant survives a later change of their role.
        _accounts.SetGrant(created.Name, PrincipalKind.User, _caller.User.Name, KnowledgeBaseRole.Owner, mayDownload: true);
        return created;
    }

    public async Task<IReadOnlyList<KnowledgeBaseInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await _inner.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. all.Where(kb => _caller.AccessTo(kb.Name) is not null)];
    }

    public Task<KnowledgeBaseInfo> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        Require(name, KnowledgeBaseRole.Viewer);
        return _inner.GetAsync(name, cancellationToken);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        Require(name, KnowledgeBaseRole.Owner);
        return _inner.DeleteAsync(name, cancellationToken);
    }

    /// <summary>Ingesting from the server's own paths is for the command line only: a remote caller never reads the server's files.</summary>
    public Task<IngestSummary> IngestPathsAsync(string kb, IReadOnlyList<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new WenjinException(WenjinErrorKind.Forbidden, "Ingesting files from the server's disk is only possible from the command line on the server; upload the files instead.");

    public Task<IngestSummary> IngestAsync(string kb, IEnumerable<DocumentSource> sources, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default) =>
        AddDocumentsAsync(kb, () => _inner.IngestAsync(kb, sources, progress, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<QueuedDocument>> EnqueueAsync(string kb, IReadOnlyList<DocumentSource> sources, CancellationToken cancellationToken = default) =>
        AddDocumentsAsync(kb, () => _inner.EnqueueAsync(kb, sources, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(string kb, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.ListDocumentsAsync(kb, cancellationToken);
    }

    public Task<DocumentInfo> GetDocumentAsync(string kb, string docId, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.GetDocumentAsync(kb, docId, cancellationToken);
    }

    public Task<DocumentContent> GetDocumentContentAsync(string kb, string docId, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.GetDocumentContentAsync(kb, docId, cancellationToken);
    }

    public Task<DocumentOriginal> GetOriginalAsync(string kb, string docId, CancellationToken cancellationToken = default)
    {
        var access = Require(kb, KnowledgeBaseRole.Viewer);
        if (!access.MayDownload)
        {
            throw new WenjinException(WenjinErrorKind.Forbidden, $"You may read the text of the documents in '{kb}' but not download their original files; ask an owner of the knowledge base for the download permission.");
        }

        return _inner.GetOriginalAsync(kb, docId, cancellationToken);
    }

    public Task<EmbeddingStatus> GetEmbeddingStatusAsync(string kb, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.GetEmbeddingStatusAsync(kb, cancellationToken);
    }

    public Task DeleteDocumentAsync(string kb, string docId, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Editor);
        return _inner.DeleteDocumentAsync(kb, docId, cancellationToken);
    }

    public Task<SearchResult> SearchAsync(string kb, SearchRequest request, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.SearchAsync(kb, request, cancellationToken);
    }

    public Task<AskResult> AskAsync(string kb, string question, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.AskAsync(kb, question, cancellationToken);
    }

    public async Task<AskResult> AskAsync(string kb, AskRequest request, CancellationToken cancellationToken = default)
    {
        RequireAsk(kb, request);
        var result = await _inner.AskAsync(kb, request, cancellationToken).ConfigureAwait(false);
        if (request.ConversationId is null && result.ConversationId is { } started)
        {
            // Recorded before the caller sees the id, so the conversation is never visible without an owner.
            _accounts.SetConversationOwner(kb, started, _caller.User.Id);
        }

        return result;
    }

    public async IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string kb, AskRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RequireAsk(kb, request);
        await foreach (var update in _inner.AskStreamingAsync(kb, request, cancellationToken).ConfigureAwait(false))
        {
            if (update is AnswerStarted { ConversationId: { } started } && request.ConversationId is null)
            {
                _accounts.SetConversationOwner(kb, started, _caller.User.Id);
            }

            yield return update;
        }
    }

    public Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(string kb, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        var own = _accounts.ConversationsOf(kb, _caller.User.Id);
        return ListOwnAsync(kb, own, cancellationToken);
    }

    public Task<Conversation> GetConversationAsync(string kb, string conversationId, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        RequireOwnConversation(kb, conversationId);
        return _inner.GetConversationAsync(kb, conversationId, cancellationToken);
    }

    public Task DeleteConversationAsync(string kb, string conversationId, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        if (!_caller.MayWrite)
        {
            throw new WenjinException(WenjinErrorKind.Forbidden, "A read-only API key may not delete conversations.");
        }

        RequireOwnConversation(kb, conversationId);
        return _inner.DeleteConversationAsync(kb, conversationId, cancellationToken);
    }

    public Task<EvalReport> EvaluateAsync(string kb, IReadOnlyList<QaItem> items, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.EvaluateAsync(kb, items, progress, cancellationToken);
    }

    public Task<IReadOnlyList<SchemaDescription>> ListSchemasAsync(CancellationToken cancellationToken = default) =>
        _inner.ListSchemasAsync(cancellationToken);

    public Task<SchemaDescription> GetSchemaAsync(string name, CancellationToken cancellationToken = default) =>
        _inner.GetSchemaAsync(name, cancellationToken);

    public IAsyncEnumerable<ExtractionOutcome> ExtractAsync(string kb, ExtractionRequest request, CancellationToken cancellationToken = default)
    {
        // Extraction stores records: it changes the knowledge base, so it is an editor's.
        Require(kb, KnowledgeBaseRole.Editor);
        return _inner.ExtractAsync(kb, request, cancellationToken);
    }

    public Task<IReadOnlyList<StoredRecord>> ListRecordsAsync(string kb, string schema, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.ListRecordsAsync(kb, schema, cancellationToken);
    }

    public Task<Brief> BriefAsync(string kb, BriefRequest request, CancellationToken cancellationToken = default)
    {
        Require(kb, KnowledgeBaseRole.Viewer);
        return _inner.BriefAsync(kb, request, cancellationToken);
    }

    private KnowledgeBaseAccess Require(string kb, KnowledgeBaseRole needed) => _caller.Require(kb, needed);

    /// <summary>
    /// Adding documents needs the editor role; as in the façade, adding to a knowledge base that does not exist creates
    /// it (only once the sources are accepted) — for a caller who may create knowledge bases, who then owns it.
    /// Knowledge-base names are global (creating a taken one is a conflict), so this tells nothing that creating it
    /// would not.
    /// </summary>
    private async Task<T> AddDocumentsAsync<T>(string kb, Func<Task<T>> add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kb);
        if (_caller.AccessTo(kb) is null && _caller.MayCreateKnowledgeBases)
        {
            var all = await _inner.ListAsync(cancellationToken).ConfigureAwait(false);
            if (!all.Any(k => string.Equals(k.Name, kb, StringComparison.Ordinal)))
            {
                var added = await add().ConfigureAwait(false);
                _accounts.SetGrant(kb, PrincipalKind.User, _caller.User.Name, KnowledgeBaseRole.Owner, mayDownload: true);
                return added;
            }
        }

        Require(kb, KnowledgeBaseRole.Editor);
        return await add().ConfigureAwait(false);
    }

    /// <summary>Asking needs the viewer role, and continuing a conversation needs it to be the caller's.</summary>
    private void RequireAsk(string kb, AskRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(kb, KnowledgeBaseRole.Viewer);
        if (request.ConversationId is { } id)
        {
            RequireOwnConversation(kb, id);
        }
    }

    private void RequireOwnConversation(string kb, string conversationId)
    {
        if (_accounts.ConversationOwner(kb, conversationId) != _caller.User.Id)
        {
            throw WenjinException.NotFound($"Conversation '{conversationId}' does not exist in knowledge base '{kb}'.");
        }
    }

    private async Task<IReadOnlyList<ConversationSummary>> ListOwnAsync(string kb, IReadOnlySet<string> own, CancellationToken cancellationToken)
    {
        var all = await _inner.ListConversationsAsync(kb, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(c => own.Contains(c.Id))];
    }
}
