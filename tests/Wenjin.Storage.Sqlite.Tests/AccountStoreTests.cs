using Microsoft.Data.Sqlite;
using Wenjin.Access;
using Wenjin.Analysis;
using Wenjin.Errors;
using Xunit;

namespace Wenjin.Storage.Sqlite.Tests;

/// <summary>Users, groups, grants, API keys and conversation owners in the store's SQLite file.</summary>
public sealed class AccountStoreTests : IDisposable
{
    private static readonly AnalyzerSignature Analyzer = new("test-analyzer", 1);

    /// <summary>A fixed instant with millisecond precision (what the store keeps).</summary>
    private static readonly DateTimeOffset T0 = new(2025, 3, 15, 8, 30, 0, 123, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "wenjin-account-tests", Guid.NewGuid().ToString("N"));
    private SqliteKnowledgeStore _store;
    private SqliteAccountStore _accounts;
    private SqliteConversationStore _conversations;

    public AccountStoreTests()
    {
        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _accounts = SqliteAccountStore.Open(_store);
        _conversations = SqliteConversationStore.Open(_store);
        _store.CreateKnowledgeBase("kb", null, Analyzer);
    }

    private string DatabasePath => Path.Combine(_directory, "wenjin.db");

    public void Dispose()
    {
        _conversations.Dispose();
        _accounts.Dispose();
        _store.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void CreateUser_IsFoundByNameAndId_WithItsHash()
    {
        int before = _accounts.CountUsers();

        var created = _accounts.CreateUser("  alice ", "hash-1", SystemRole.Admin);
        var found = _accounts.FindUser("alice");
        var byId = _accounts.GetUser(created.Id);

        Assert.Equal(0, before);
        Assert.Equal(1, _accounts.CountUsers());
        Assert.Equal("alice", created.Name);
        Assert.Equal(SystemRole.Admin, created.Role);
        Assert.False(created.Disabled);
        Assert.NotNull(found);
        Assert.Equal(created, found.User);
        Assert.Equal("hash-1", found.PasswordHash);
        Assert.Equal(created, byId);
        Assert.Null(_accounts.FindUser("bob"));
        Assert.Null(_accounts.GetUser(created.Id + 1000));
    }

    [Theory]
    [InlineData("Alice", "ALICE")]
    [InlineData("Émile", "émile")]
    [InlineData("Борис", "БОРИС")]
    [InlineData("张三", " 张三 ")]
    public void UserNames_CompareIgnoringCase_AndATakenNameIsAConflict(string name, string other)
    {
        var created = _accounts.CreateUser(name, "hash", SystemRole.Member);

        var found = _accounts.FindUser(other);
        var error = Assert.Throws<WenjinException>(() => _accounts.CreateUser(other, "hash", SystemRole.Member));

        Assert.Equal(created, found?.User);
        Assert.Equal(name, found!.User.Name);
        Assert.Equal(WenjinErrorKind.Conflict, error.Kind);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _accounts.CountUsers());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void EmptyNames_AreInvalid(string name)
    {
        var user = Assert.Throws<WenjinException>(() => _accounts.CreateUser(name, "hash", SystemRole.Member));
        var group = Assert.Throws<WenjinException>(() => _accounts.CreateGroup(name));

        Assert.Equal(WenjinErrorKind.InvalidInput, user.Kind);
        Assert.Equal(WenjinErrorKind.InvalidInput, group.Kind);
        Assert.Equal(0, _accounts.CountUsers());
        Assert.Empty(_accounts.ListGroups());
    }

    [Fact]
    public void ListUsers_IsByNameIgnoringCase()
    {
        _accounts.CreateUser("carol", "h", SystemRole.Member);
        _accounts.CreateUser("Bob", "h", SystemRole.Admin);
        _accounts.CreateUser("alice", "h", SystemRole.Member);

        var users = _accounts.ListUsers();

        Assert.Equal(["alice", "Bob", "carol"], users.Select(u => u.Name));
        Assert.Equal([SystemRole.Member, SystemRole.Admin, SystemRole.Member], users.Select(u => u.Role));
    }

    [Fact]
    public void SetPasswordRoleAndDisabled_ChangeTheStoredUser()
    {
        var created = _accounts.CreateUser("alice", "old-hash", SystemRole.Member);

        _accounts.SetPassword("ALICE", "new-hash");
        _accounts.SetRole("alice", SystemRole.Admin);
        _accounts.SetDisabled("Alice", true);
        var changed = _accounts.FindUser("alice")!;
        _accounts.SetDisabled("alice", false);
        var enabled = _accounts.GetUser(created.Id)!;

        Assert.Equal("new-hash", changed.PasswordHash);
        Assert.Equal(SystemRole.Admin, changed.User.Role);
        Assert.True(changed.User.Disabled);
        Assert.False(enabled.Disabled);
        Assert.Equal(created.CreatedAt, enabled.CreatedAt);
    }

    [Fact]
    public void ChangingAnUnknownUser_IsNotFound()
    {
        var errors = new[]
        {
            Assert.Throws<WenjinException>(() => _accounts.SetPassword("ghost", "hash")),
            Assert.Throws<WenjinException>(() => _accounts.SetRole("ghost", SystemRole.Admin)),
            Assert.Throws<WenjinException>(() => _accounts.SetDisabled("ghost", true)),
        };

        Assert.All(errors, e => Assert.Equal(WenjinErrorKind.NotFound, e.Kind));
        Assert.All(errors, e => Assert.Contains("'ghost'", e.Message, StringComparison.Ordinal));
        Assert.False(_accounts.DeleteUser("ghost"));
    }

    [Fact]
    public void DeleteUser_RemovesTheirGrantsMembershipsKeysAndConversationOwnerships()
    {
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        var bob = _accounts.CreateUser("bob", "h", SystemRole.Member);
        _accounts.CreateGroup("readers");
        _accounts.AddGroupMember("readers", "alice");
        _accounts.AddGroupMember("readers", "bob");
        _accounts.SetGrant("kb", PrincipalKind.User, "alice", KnowledgeBaseRole.Owner, mayDownload: true);
        _accounts.SetGrant("kb", PrincipalKind.User, "bob", KnowledgeBaseRole.Viewer, mayDownload: false);
        _accounts.CreateKey(new NewApiKey(alice.Id, "laptop", "wj_alice1", "secret-hash"));
        string conversation = _conversations.Create("kb", "问题");
        _accounts.SetConversationOwner("kb", conversation, alice.Id);

        bool deleted = _accounts.DeleteUser("ALICE");

        Assert.True(deleted);
        Assert.Null(_accounts.FindUser("alice"));
        Assert.Equal(["bob"], _accounts.ListGrants("kb").Select(g => g.Principal));
        Assert.Equal(["bob"], Assert.Single(_accounts.ListGroups()).Members);
        Assert.Null(_accounts.FindKey("wj_alice1"));
        Assert.Empty(_accounts.ListKeys(alice.Id));
        Assert.Empty(_accounts.GrantsFor(alice.Id));
        Assert.Null(_accounts.ConversationOwner("kb", conversation));
        Assert.Empty(_accounts.ConversationsOf("kb", alice.Id));
        Assert.Equal(0L, QueryScalar($"SELECT count(*) FROM kb_grants WHERE user_id = {alice.Id}"));
        Assert.Equal(0L, QueryScalar($"SELECT count(*) FROM group_members WHERE user_id = {alice.Id}"));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM api_keys"));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM conversation_owners"));
        Assert.NotNull(_conversations.Get("kb", conversation));
        Assert.Equal(bob, _accounts.GetUser(bob.Id));
        Assert.False(_accounts.DeleteUser("alice"));
    }

    [Fact]
    public void Groups_HaveMembersByName_AndAddingTwiceChangesNothing()
    {
        _accounts.CreateUser("carol", "h", SystemRole.Member);
        _accounts.CreateUser("Alice", "h", SystemRole.Member);
        _accounts.CreateUser("bob", "h", SystemRole.Member);
        var readers = _accounts.CreateGroup(" Readers ");
        _accounts.CreateGroup("editors");

        _accounts.AddGroupMember("readers", "carol");
        _accounts.AddGroupMember("READERS", "alice");
        _accounts.AddGroupMember("readers", "Carol");
        _accounts.AddGroupMember("editors", "bob");
        var groups = _accounts.ListGroups();

        Assert.Equal("Readers", readers.Name);
        Assert.Empty(readers.Members);
        Assert.Equal(["editors", "Readers"], groups.Select(g => g.Name));
        Assert.Equal(["bob"], groups[0].Members);
        Assert.Equal(["Alice", "carol"], groups[1].Members);
        Assert.Equal(readers.Id, groups[1].Id);
    }

    [Fact]
    public void CreateGroup_WithATakenName_IsAConflict()
    {
        _accounts.CreateGroup("Readers");

        var error = Assert.Throws<WenjinException>(() => _accounts.CreateGroup("readers"));

        Assert.Equal(WenjinErrorKind.Conflict, error.Kind);
        Assert.Contains("'readers'", error.Message, StringComparison.Ordinal);
        Assert.Single(_accounts.ListGroups());
    }

    [Fact]
    public void RemoveGroupMember_IsFalseForANonMember_AndUnknownNamesAreNotFound()
    {
        _accounts.CreateUser("alice", "h", SystemRole.Member);
        _accounts.CreateUser("bob", "h", SystemRole.Member);
        _accounts.CreateGroup("readers");
        _accounts.AddGroupMember("readers", "alice");

        bool removed = _accounts.RemoveGroupMember("readers", "alice");
        bool again = _accounts.RemoveGroupMember("readers", "alice");
        bool never = _accounts.RemoveGroupMember("readers", "bob");
        var errors = new[]
        {
            Assert.Throws<WenjinException>(() => _accounts.AddGroupMember("nobody", "alice")),
            Assert.Throws<WenjinException>(() => _accounts.AddGroupMember("readers", "ghost")),
            Assert.Throws<WenjinException>(() => _accounts.RemoveGroupMember("nobody", "alice")),
            Assert.Throws<WenjinException>(() => _accounts.RemoveGroupMember("readers", "ghost")),
        };

        Assert.True(removed);
        Assert.False(again);
        Assert.False(never);
        Assert.All(errors, e => Assert.Equal(WenjinErrorKind.NotFound, e.Kind));
        Assert.Empty(Assert.Single(_accounts.ListGroups()).Members);
    }

    [Fact]
    public void DeleteGroup_RemovesItsMembershipsAndGrants_ButNotItsUsers()
    {
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        _accounts.CreateGroup("readers");
        _accounts.AddGroupMember("readers", "alice");
        _accounts.SetGrant("kb", PrincipalKind.Group, "readers", KnowledgeBaseRole.Viewer, mayDownload: false);

        bool deleted = _accounts.DeleteGroup("Readers");

        Assert.True(deleted);
        Assert.False(_accounts.DeleteGroup("readers"));
        Assert.Empty(_accounts.ListGroups());
        Assert.Empty(_accounts.ListGrants("kb"));
        Assert.Empty(_accounts.GrantsFor(alice.Id));
        Assert.Equal(alice, _accounts.GetUser(alice.Id));
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM group_members"));
    }

    [Fact]
    public void SetGrant_ReplacesTheGrantOfTheSamePrincipal_AndListGrantsIsUsersThenGroupsByName()
    {
        _accounts.CreateUser("Carol", "h", SystemRole.Member);
        _accounts.CreateUser("alice", "h", SystemRole.Member);
        _accounts.CreateGroup("writers");
        _accounts.CreateGroup("Auditors");

        _accounts.SetGrant("kb", PrincipalKind.Group, "writers", KnowledgeBaseRole.Editor, mayDownload: true);
        _accounts.SetGrant("kb", PrincipalKind.User, "carol", KnowledgeBaseRole.Viewer, mayDownload: false);
        var returned = _accounts.SetGrant("kb", PrincipalKind.User, "CAROL", KnowledgeBaseRole.Owner, mayDownload: true);
        _accounts.SetGrant("kb", PrincipalKind.User, "alice", KnowledgeBaseRole.Viewer, mayDownload: false);
        _accounts.SetGrant("kb", PrincipalKind.Group, "auditors", KnowledgeBaseRole.Viewer, mayDownload: true);
        var grants = _accounts.ListGrants("kb");

        Assert.Equal(new KnowledgeBaseGrant("kb", PrincipalKind.User, "Carol", KnowledgeBaseRole.Owner, true), returned);
        Assert.Equal(
            [
                new KnowledgeBaseGrant("kb", PrincipalKind.User, "alice", KnowledgeBaseRole.Viewer, false),
                new KnowledgeBaseGrant("kb", PrincipalKind.User, "Carol", KnowledgeBaseRole.Owner, true),
                new KnowledgeBaseGrant("kb", PrincipalKind.Group, "Auditors", KnowledgeBaseRole.Viewer, true),
                new KnowledgeBaseGrant("kb", PrincipalKind.Group, "writers", KnowledgeBaseRole.Editor, true),
            ],
            grants);
    }

    [Fact]
    public void SetGrant_ToAUserAndAGroupOfTheSameName_KeepsBoth()
    {
        _accounts.CreateUser("team", "h", SystemRole.Member);
        _accounts.CreateGroup("team");

        _accounts.SetGrant("kb", PrincipalKind.User, "team", KnowledgeBaseRole.Owner, mayDownload: true);
        _accounts.SetGrant("kb", PrincipalKind.Group, "team", KnowledgeBaseRole.Viewer, mayDownload: false);

        Assert.Equal([(PrincipalKind.User, KnowledgeBaseRole.Owner), (PrincipalKind.Group, KnowledgeBaseRole.Viewer)], _accounts.ListGrants("kb").Select(g => (g.Kind, g.Role)));
    }

    [Fact]
    public void RemoveGrant_IsFalseWithoutAGrant_AndOnlyRemovesThatPrincipals()
    {
        _accounts.CreateUser("alice", "h", SystemRole.Member);
        _accounts.CreateUser("bob", "h", SystemRole.Member);
        _accounts.SetGrant("kb", PrincipalKind.User, "alice", KnowledgeBaseRole.Editor, mayDownload: false);
        _accounts.SetGrant("kb", PrincipalKind.User, "bob", KnowledgeBaseRole.Editor, mayDownload: false);

        bool removed = _accounts.RemoveGrant("kb", PrincipalKind.User, "Alice");
        bool again = _accounts.RemoveGrant("kb", PrincipalKind.User, "alice");

        Assert.True(removed);
        Assert.False(again);
        Assert.Equal(["bob"], _accounts.ListGrants("kb").Select(g => g.Principal));
    }

    [Fact]
    public void Grants_OnUnknownKnowledgeBasesUsersOrGroups_AreNotFound()
    {
        _accounts.CreateUser("alice", "h", SystemRole.Member);
        _accounts.CreateGroup("readers");

        var errors = new[]
        {
            Assert.Throws<WenjinException>(() => _accounts.SetGrant("missing", PrincipalKind.User, "alice", KnowledgeBaseRole.Viewer, false)),
            Assert.Throws<WenjinException>(() => _accounts.SetGrant("kb", PrincipalKind.User, "ghost", KnowledgeBaseRole.Viewer, false)),
            Assert.Throws<WenjinException>(() => _accounts.SetGrant("kb", PrincipalKind.Group, "alice", KnowledgeBaseRole.Viewer, false)),
            Assert.Throws<WenjinException>(() => _accounts.RemoveGrant("missing", PrincipalKind.Group, "readers")),
            Assert.Throws<WenjinException>(() => _accounts.RemoveGrant("kb", PrincipalKind.Group, "ghosts")),
            Assert.Throws<WenjinException>(() => _accounts.ListGrants("missing")),
        };

        Assert.All(errors, e => Assert.Equal(WenjinErrorKind.NotFound, e.Kind));
        Assert.Contains("'missing'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'ghost'", errors[1].Message, StringComparison.Ordinal);
        Assert.Empty(_accounts.ListGrants("kb"));
    }

    [Fact]
    public void GrantsFor_IsTheUsersOwnGrantsAndTheirGroups_EachNamingWhereItComesFrom()
    {
        _store.CreateKnowledgeBase("archive", null, Analyzer);
        _store.CreateKnowledgeBase("other", null, Analyzer);
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        var bob = _accounts.CreateUser("bob", "h", SystemRole.Member);
        _accounts.CreateGroup("readers");
        _accounts.CreateGroup("editors");
        _accounts.AddGroupMember("readers", "alice");
        _accounts.AddGroupMember("editors", "alice");
        _accounts.AddGroupMember("readers", "bob");
        _accounts.SetGrant("kb", PrincipalKind.User, "alice", KnowledgeBaseRole.Viewer, mayDownload: false);
        _accounts.SetGrant("kb", PrincipalKind.Group, "editors", KnowledgeBaseRole.Editor, mayDownload: true);
        _accounts.SetGrant("archive", PrincipalKind.Group, "readers", KnowledgeBaseRole.Viewer, mayDownload: false);
        _accounts.SetGrant("other", PrincipalKind.User, "bob", KnowledgeBaseRole.Owner, mayDownload: true);

        var aliceGrants = _accounts.GrantsFor(alice.Id);
        _accounts.RemoveGroupMember("editors", "alice");
        var afterLeaving = _accounts.GrantsFor(alice.Id);

        Assert.Equal(
            [
                new KnowledgeBaseGrant("archive", PrincipalKind.Group, "readers", KnowledgeBaseRole.Viewer, false),
                new KnowledgeBaseGrant("kb", PrincipalKind.User, "alice", KnowledgeBaseRole.Viewer, false),
                new KnowledgeBaseGrant("kb", PrincipalKind.Group, "editors", KnowledgeBaseRole.Editor, true),
            ],
            aliceGrants);
        Assert.Equal([("archive", "readers"), ("kb", "alice")], afterLeaving.Select(g => (g.Kb, g.Principal)));
        Assert.Equal([("archive", "readers"), ("other", "bob")], _accounts.GrantsFor(bob.Id).Select(g => (g.Kb, g.Principal)));
        Assert.Empty(_accounts.GrantsFor(bob.Id + alice.Id + 1000));
    }

    [Fact]
    public void DeletingAKnowledgeBase_RemovesItsGrants_AndARecreatedOneStartsWithout()
    {
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        _accounts.CreateGroup("readers");
        _accounts.AddGroupMember("readers", "alice");
        _store.CreateKnowledgeBase("other", null, Analyzer);
        _accounts.SetGrant("kb", PrincipalKind.User, "alice", KnowledgeBaseRole.Owner, mayDownload: true);
        _accounts.SetGrant("kb", PrincipalKind.Group, "readers", KnowledgeBaseRole.Viewer, mayDownload: false);
        _accounts.SetGrant("other", PrincipalKind.User, "alice", KnowledgeBaseRole.Viewer, mayDownload: false);

        _store.DeleteKnowledgeBase("kb");
        var remaining = _accounts.GrantsFor(alice.Id);
        _store.CreateKnowledgeBase("kb", null, Analyzer);

        Assert.Equal(["other"], remaining.Select(g => g.Kb));
        Assert.Empty(_accounts.ListGrants("kb"));
        Assert.Equal(["other"], _accounts.GrantsFor(alice.Id).Select(g => g.Kb));
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM kb_grants"));
    }

    [Fact]
    public void CreateKey_IsFoundByPrefixWithItsOwnerAndHash()
    {
        _store.CreateKnowledgeBase("archive", null, Analyzer);
        var alice = _accounts.CreateUser("Alice", "h", SystemRole.Member);

        var created = _accounts.CreateKey(new NewApiKey(alice.Id, " ci ", "wj_ab12cd", "secret-hash")
        {
            Kbs = ["kb", "archive", "kb"],
            ReadOnly = true,
            ExpiresAt = T0,
        });
        var found = _accounts.FindKey("wj_ab12cd");

        Assert.Equal("Alice", created.User);
        Assert.Equal("ci", created.Name);
        Assert.Equal("wj_ab12cd", created.Prefix);
        Assert.Equal(["kb", "archive"], created.Kbs);
        Assert.True(created.ReadOnly);
        Assert.Equal(T0, created.ExpiresAt);
        Assert.Null(created.RevokedAt);
        Assert.Null(created.LastUsedAt);
        Assert.NotNull(found);
        Assert.Equal(alice.Id, found.UserId);
        Assert.Equal("secret-hash", found.SecretHash);
        Assert.Equal(created with { Kbs = null }, found.Key with { Kbs = null });
        Assert.Equal(created.Kbs, found.Key.Kbs);
        Assert.Null(_accounts.FindKey("wj_ab12c"));
        Assert.Null(_accounts.FindKey("WJ_AB12CD"));
    }

    [Fact]
    public void CreateKey_WithoutLimits_CoversAllKnowledgeBasesAndWrites()
    {
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);

        _accounts.CreateKey(new NewApiKey(alice.Id, "all", "wj_all", "hash"));
        var found = _accounts.FindKey("wj_all")!;

        Assert.Null(found.Key.Kbs);
        Assert.False(found.Key.ReadOnly);
        Assert.Null(found.Key.ExpiresAt);
    }

    [Fact]
    public void CreateKey_Misuse_IsRefusedAndStoresNothing()
    {
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        _accounts.CreateKey(new NewApiKey(alice.Id, "first", "wj_taken", "hash"));

        var taken = Assert.Throws<WenjinException>(() => _accounts.CreateKey(new NewApiKey(alice.Id, "second", "wj_taken", "hash")));
        var unknownUser = Assert.Throws<WenjinException>(() => _accounts.CreateKey(new NewApiKey(alice.Id + 1000, "k", "wj_ghost", "hash")));
        var unknownKb = Assert.Throws<WenjinException>(() => _accounts.CreateKey(new NewApiKey(alice.Id, "k", "wj_kb", "hash") { Kbs = ["kb", "missing"] }));
        var noKbs = Assert.Throws<WenjinException>(() => _accounts.CreateKey(new NewApiKey(alice.Id, "k", "wj_none", "hash") { Kbs = [] }));
        var noName = Assert.Throws<WenjinException>(() => _accounts.CreateKey(new NewApiKey(alice.Id, " ", "wj_noname", "hash")));

        Assert.Equal(WenjinErrorKind.Conflict, taken.Kind);
        Assert.Equal(WenjinErrorKind.NotFound, unknownUser.Kind);
        Assert.Equal(WenjinErrorKind.NotFound, unknownKb.Kind);
        Assert.Contains("'missing'", unknownKb.Message, StringComparison.Ordinal);
        Assert.Equal(WenjinErrorKind.InvalidInput, noKbs.Kind);
        Assert.Equal(WenjinErrorKind.InvalidInput, noName.Kind);
        Assert.Equal(["first"], _accounts.ListKeys(alice.Id).Select(k => k.Name));
    }

    [Fact]
    public void ListKeys_IsTheUsersKeysNewestFirst_RevokedIncluded()
    {
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        var bob = _accounts.CreateUser("bob", "h", SystemRole.Member);
        var first = _accounts.CreateKey(new NewApiKey(alice.Id, "first", "wj_1", "h1"));
        _accounts.CreateKey(new NewApiKey(bob.Id, "bobs", "wj_2", "h2"));
        var second = _accounts.CreateKey(new NewApiKey(alice.Id, "second", "wj_3", "h3"));
        _accounts.RevokeKey(alice.Id, first.Id);

        var keys = _accounts.ListKeys(alice.Id);

        Assert.Equal([second.Id, first.Id], keys.Select(k => k.Id));
        Assert.Null(keys[0].RevokedAt);
        Assert.NotNull(keys[1].RevokedAt);
        Assert.All(keys, k => Assert.Equal("alice", k.User));
        Assert.Equal(["bobs"], _accounts.ListKeys(bob.Id).Select(k => k.Name));
    }

    [Fact]
    public void RevokeKey_OnlyRevokesTheUsersOwnKeyOnce_AndFindKeyStillReturnsIt()
    {
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        var bob = _accounts.CreateUser("bob", "h", SystemRole.Member);
        var key = _accounts.CreateKey(new NewApiKey(alice.Id, "k", "wj_key", "hash"));

        bool byOther = _accounts.RevokeKey(bob.Id, key.Id);
        bool notYetRevoked = _accounts.FindKey("wj_key")!.Key.RevokedAt is null;
        bool revoked = _accounts.RevokeKey(alice.Id, key.Id);
        var revokedAt = _accounts.FindKey("wj_key")!.Key.RevokedAt;
        bool again = _accounts.RevokeKey(alice.Id, key.Id);
        bool unknown = _accounts.RevokeKey(alice.Id, key.Id + 1000);

        Assert.False(byOther);
        Assert.True(notYetRevoked);
        Assert.True(revoked);
        Assert.NotNull(revokedAt);
        Assert.False(again);
        Assert.False(unknown);
        Assert.Equal(revokedAt, _accounts.FindKey("wj_key")!.Key.RevokedAt);
    }

    [Fact]
    public void TouchKey_RecordsTheLastUseAtAMinutesGrain_AndNeverMovesItBack()
    {
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        var key = _accounts.CreateKey(new NewApiKey(alice.Id, "k", "wj_key", "hash"));
        var other = _accounts.CreateKey(new NewApiKey(alice.Id, "other", "wj_other", "hash"));

        _accounts.TouchKey(key.Id, T0);
        var first = LastUsed("wj_key");
        _accounts.TouchKey(key.Id, T0.AddSeconds(30));
        var withinAMinute = LastUsed("wj_key");
        _accounts.TouchKey(key.Id, T0.AddMinutes(2));
        var later = LastUsed("wj_key");
        _accounts.TouchKey(key.Id, T0);
        var backwards = LastUsed("wj_key");
        _accounts.TouchKey(key.Id + 1000, T0);

        Assert.Equal(T0, first);
        Assert.Equal(T0, withinAMinute);
        Assert.Equal(T0.AddMinutes(2), later);
        Assert.Equal(T0.AddMinutes(2), backwards);
        Assert.Null(LastUsed("wj_other"));
        Assert.Equal([key.Id, other.Id], _accounts.ListKeys(alice.Id).Select(k => k.Id).Order());
    }

    [Fact]
    public void ConversationOwner_FirstOwnerStays_AndIsScopedToItsKnowledgeBase()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        var bob = _accounts.CreateUser("bob", "h", SystemRole.Member);
        string first = _conversations.Create("kb", "第一个");
        string second = _conversations.Create("kb", "第二个");
        string unowned = _conversations.Create("kb", "没有主人");
        string elsewhere = _conversations.Create("other", "另一个库");

        _accounts.SetConversationOwner("kb", first, alice.Id);
        _accounts.SetConversationOwner("kb", first, bob.Id);
        _accounts.SetConversationOwner("kb", second, alice.Id);
        _accounts.SetConversationOwner("other", elsewhere, alice.Id);

        Assert.Equal(alice.Id, _accounts.ConversationOwner("kb", first));
        Assert.Null(_accounts.ConversationOwner("kb", unowned));
        Assert.Null(_accounts.ConversationOwner("kb", elsewhere));
        Assert.Null(_accounts.ConversationOwner("other", first));
        Assert.Equal(new HashSet<string> { first, second }, _accounts.ConversationsOf("kb", alice.Id));
        Assert.Equal(new HashSet<string> { elsewhere }, _accounts.ConversationsOf("other", alice.Id));
        Assert.Empty(_accounts.ConversationsOf("kb", bob.Id));
    }

    [Fact]
    public void SetConversationOwner_OfUnknownThings_IsNotFound()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        string conversation = _conversations.Create("kb", "问题");
        string elsewhere = _conversations.Create("other", "另一个库");

        var errors = new[]
        {
            Assert.Throws<WenjinException>(() => _accounts.SetConversationOwner("missing", conversation, alice.Id)),
            Assert.Throws<WenjinException>(() => _accounts.SetConversationOwner("kb", "no-such-conversation", alice.Id)),
            Assert.Throws<WenjinException>(() => _accounts.SetConversationOwner("kb", elsewhere, alice.Id)),
            Assert.Throws<WenjinException>(() => _accounts.SetConversationOwner("kb", conversation, alice.Id + 1000)),
            Assert.Throws<WenjinException>(() => _accounts.ConversationOwner("missing", conversation)),
            Assert.Throws<WenjinException>(() => _accounts.ConversationsOf("missing", alice.Id)),
        };

        Assert.All(errors, e => Assert.Equal(WenjinErrorKind.NotFound, e.Kind));
        Assert.Contains("no-such-conversation", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(0L, QueryScalar("SELECT count(*) FROM conversation_owners"));
    }

    [Fact]
    public void DeletingAConversationOrItsKnowledgeBase_RemovesItsOwner()
    {
        _store.CreateKnowledgeBase("other", null, Analyzer);
        var alice = _accounts.CreateUser("alice", "h", SystemRole.Member);
        string deleted = _conversations.Create("kb", "会被删除");
        string kept = _conversations.Create("kb", "留下");
        string elsewhere = _conversations.Create("other", "另一个库");
        _accounts.SetConversationOwner("kb", deleted, alice.Id);
        _accounts.SetConversationOwner("kb", kept, alice.Id);
        _accounts.SetConversationOwner("other", elsewhere, alice.Id);

        _conversations.Delete("kb", deleted);
        var afterConversation = _accounts.ConversationsOf("kb", alice.Id);
        _store.DeleteKnowledgeBase("other");

        Assert.Equal(new HashSet<string> { kept }, afterConversation);
        Assert.Equal(1L, QueryScalar("SELECT count(*) FROM conversation_owners"));
    }

    [Fact]
    public void AStoreOpenedAfterARestart_SeesEverything()
    {
        var alice = _accounts.CreateUser("alice", "hash", SystemRole.Admin);
        _accounts.CreateGroup("readers");
        _accounts.AddGroupMember("readers", "alice");
        _accounts.SetGrant("kb", PrincipalKind.Group, "readers", KnowledgeBaseRole.Editor, mayDownload: true);
        var key = _accounts.CreateKey(new NewApiKey(alice.Id, "k", "wj_key", "secret") { Kbs = ["kb"], ExpiresAt = T0 });
        _accounts.TouchKey(key.Id, T0);
        string conversation = _conversations.Create("kb", "问题");
        _accounts.SetConversationOwner("kb", conversation, alice.Id);
        var groups = _accounts.ListGroups();
        var grants = _accounts.GrantsFor(alice.Id);
        var stored = _accounts.FindKey("wj_key");
        _conversations.Dispose();
        _accounts.Dispose();
        _store.Dispose();

        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _accounts = SqliteAccountStore.Open(_store);
        _conversations = SqliteConversationStore.Open(_store);

        Assert.Equal(7L, QueryScalar("PRAGMA user_version"));
        Assert.Equal(alice, _accounts.GetUser(alice.Id));
        Assert.Equal("hash", _accounts.FindUser("alice")!.PasswordHash);
        Assert.Equal(groups.Select(g => (g.Id, g.Name, string.Join(",", g.Members))), _accounts.ListGroups().Select(g => (g.Id, g.Name, string.Join(",", g.Members))));
        Assert.Equal(grants, _accounts.GrantsFor(alice.Id));
        var reopened = _accounts.FindKey("wj_key");
        Assert.NotNull(reopened);
        Assert.Equal(stored! with { Key = stored.Key with { Kbs = null } }, reopened with { Key = reopened.Key with { Kbs = null } });
        Assert.Equal(["kb"], reopened.Key.Kbs);
        Assert.Equal(T0, reopened.Key.LastUsedAt);
        Assert.Equal(alice.Id, _accounts.ConversationOwner("kb", conversation));
    }

    [Fact]
    public void Open_UpgradesAVersion6Database_KeepingItsDataAndAddingWorkingAccounts()
    {
        string conversation = _conversations.Create("kb", "升级前的对话");
        var saved = _store.SaveDocument("kb", SampleDocuments.Create("doc", null, "第六版 数据库 内容"));
        _conversations.Dispose();
        _accounts.Dispose();
        _store.Dispose();
        ExecuteDirect(
            """
            DROP TABLE document_originals; DROP TABLE audit_log; DROP TABLE conversation_owners; DROP TABLE api_keys;
            DROP TABLE kb_grants; DROP TABLE group_members; DROP TABLE user_groups; DROP TABLE users;
            PRAGMA user_version = 6;
            """);

        _store = SqliteKnowledgeStore.Open(DatabasePath);
        _accounts = SqliteAccountStore.Open(_store);
        _conversations = SqliteConversationStore.Open(_store);
        var alice = _accounts.CreateUser("alice", "hash", SystemRole.Admin);
        _accounts.SetGrant("kb", PrincipalKind.User, "alice", KnowledgeBaseRole.Owner, mayDownload: true);
        _accounts.SetConversationOwner("kb", conversation, alice.Id);

        Assert.Equal(7L, QueryScalar("PRAGMA user_version"));
        Assert.Equal(saved, _store.GetDocument("kb", saved.Id));
        Assert.Equal("升级前的对话", _conversations.Get("kb", conversation)!.Title);
        Assert.Equal(["kb"], _accounts.GrantsFor(alice.Id).Select(g => g.Kb));
        Assert.Equal(alice.Id, _accounts.ConversationOwner("kb", conversation));
        Assert.Equal(2L, QueryScalar("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"));
    }

    [Fact]
    public void DisposedStore_Throws()
    {
        _accounts.Dispose();

        Assert.Throws<ObjectDisposedException>(() => _accounts.CountUsers());
    }

    private DateTimeOffset? LastUsed(string prefix) => _accounts.FindKey(prefix)!.Key.LastUsedAt;

    private object? QueryScalar(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void ExecuteDirect(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
