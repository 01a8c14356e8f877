using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Evaluation;
using Wenjin.Extraction;
using Wenjin.Hosting.Access;
using Wenjin.Search;

namespace Wenjin.Hosting.Tests.Access;

/// <summary>The façade as one caller may use it, over a real knowledge base: the paths the HTTP API does not expose.</summary>
public sealed class AccessControlledKnowledgeBaseTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestKnowledgeBase _kb = TestKnowledgeBase.CreateAsync(CancellationToken.None).GetAwaiter().GetResult();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task Evaluation_extraction_and_briefs_of_an_invisible_knowledge_base_are_not_found()
    {
        var outsider = For(Member("outsider"));

        var evaluation = await Assert.ThrowsAsync<WenjinException>(() => outsider.EvaluateAsync(TestKnowledgeBase.Name, [new QaItem("q1", "差旅住宿标准？", "x", null)], cancellationToken: Ct));
        Assert.Equal(WenjinErrorKind.NotFound, evaluation.Kind);
        var search = await Assert.ThrowsAsync<WenjinException>(() => outsider.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("住宿"), Ct));
        Assert.Equal(WenjinErrorKind.NotFound, search.Kind);
        var brief = await Assert.ThrowsAsync<WenjinException>(() => outsider.BriefAsync(TestKnowledgeBase.Name, new Wenjin.Briefs.BriefRequest("住宿"), Ct));
        Assert.Equal(WenjinErrorKind.NotFound, brief.Kind);
        Assert.Empty(await outsider.ListAsync(Ct));
    }

    [Fact]
    public async Task A_viewer_reads_but_may_not_extract_upload_or_ingest_server_paths()
    {
        var user = _kb.Service.Accounts.CreateUser("viewer", "hash", SystemRole.Member);
        _kb.Service.Accounts.SetGrant(TestKnowledgeBase.Name, PrincipalKind.User, "viewer", KnowledgeBaseRole.Viewer, mayDownload: false);
        var viewer = For(user);

        Assert.NotEmpty((await viewer.SearchAsync(TestKnowledgeBase.Name, new SearchRequest("住宿"), Ct)).Hits);
        var extract = await Assert.ThrowsAsync<WenjinException>(async () =>
        {
            await foreach (var _ in viewer.ExtractAsync(TestKnowledgeBase.Name, new ExtractionRequest("news-brief"), Ct))
            {
            }
        });
        Assert.Equal(WenjinErrorKind.Forbidden, extract.Kind);
        Assert.Contains("editor", extract.Message, StringComparison.Ordinal);
        var upload = await Assert.ThrowsAsync<WenjinException>(() => viewer.EnqueueAsync(TestKnowledgeBase.Name, [new Wenjin.Documents.DocumentSource("a.md", "a.md", "x"u8.ToArray())], Ct));
        Assert.Equal(WenjinErrorKind.Forbidden, upload.Kind);

        // Reading the server's own disk is never a remote caller's, whatever their role.
        var admin = For(_kb.Service.Accounts.CreateUser("root", "hash", SystemRole.Admin));
        var paths = await Assert.ThrowsAsync<WenjinException>(() => admin.IngestPathsAsync(TestKnowledgeBase.Name, ["/etc"], cancellationToken: Ct));
        Assert.Equal(WenjinErrorKind.Forbidden, paths.Kind);
    }

    [Fact]
    public void A_key_never_reaches_more_than_its_owner_and_read_only_caps_every_role_at_viewer()
    {
        var user = _kb.Service.Accounts.CreateUser("editor", "hash", SystemRole.Member);
        var grants = new[] { new KnowledgeBaseGrant(TestKnowledgeBase.Name, PrincipalKind.User, "editor", KnowledgeBaseRole.Editor, MayDownload: false) };
        var key = new ApiKeyInfo(1, "editor", "k", "0123456789abcdef", DateTimeOffset.UtcNow) { Kbs = [TestKnowledgeBase.Name, "other"], ReadOnly = true };

        var caller = new Caller(user, grants, key);

        Assert.Equal(KnowledgeBaseRole.Viewer, caller.AccessTo(TestKnowledgeBase.Name)!.Role);
        Assert.Null(caller.AccessTo("other"));
        Assert.False(caller.MayCreateKnowledgeBases);
        Assert.Equal(KnowledgeBaseRole.Editor, new Caller(user, grants).AccessTo(TestKnowledgeBase.Name)!.Role);
    }

    [Fact]
    public void Grants_from_groups_and_the_user_merge_to_the_highest_role_and_any_download_permission()
    {
        var user = new UserAccount(7, "g", SystemRole.Member, DateTimeOffset.UtcNow);
        var caller = new Caller(user,
        [
            new KnowledgeBaseGrant("kb", PrincipalKind.Group, "readers", KnowledgeBaseRole.Viewer, MayDownload: true),
            new KnowledgeBaseGrant("kb", PrincipalKind.User, "g", KnowledgeBaseRole.Editor, MayDownload: false),
        ]);

        Assert.Equal(new KnowledgeBaseAccess(KnowledgeBaseRole.Editor, MayDownload: true), caller.AccessTo("kb"));
    }

    private static UserAccount Member(string name) => new(999, name, SystemRole.Member, DateTimeOffset.UtcNow);

    private AccessControlledKnowledgeBase For(UserAccount user) =>
        new(_kb.Service, _kb.Service.Accounts, new Caller(user, _kb.Service.Accounts.GrantsFor(user.Id), exists: _kb.Service.Exists));
}
