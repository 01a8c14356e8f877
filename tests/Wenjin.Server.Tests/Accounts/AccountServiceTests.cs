using Microsoft.Extensions.Options;
using Wenjin.Access;
using Wenjin.Errors;
using Wenjin.Hosting;
using Wenjin.Server.Accounts;

namespace Wenjin.Server.Tests.Accounts;

/// <summary>Sign-in, the first administrator and API keys over a real account store, with a clock the test moves.</summary>
public sealed class AccountServiceTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wenjin-accounts-" + Guid.NewGuid().ToString("N"));
    private readonly KnowledgeBaseService _service;
    private readonly ManualClock _clock = new();
    private readonly AccountService _accounts;

    public AccountServiceTests()
    {
        _service = KnowledgeBaseService.Open(_data);
        _accounts = new AccountService(_service.Accounts, _service.Exists, Options.Create(new AccountOptions()), _clock);
    }

    public void Dispose()
    {
        _service.Dispose();
        TestData.DeleteDirectory(_data);
    }

    [Fact]
    public void The_first_start_generates_an_admin_password_once_and_later_starts_change_nothing()
    {
        string? generated = _accounts.EnsureFirstAdmin(configuredPassword: null);

        Assert.NotNull(generated);
        Assert.True(generated.Length >= 20);
        Assert.Equal(SystemRole.Admin, _accounts.SignIn("admin", generated)!.Role);
        Assert.Null(_accounts.EnsureFirstAdmin("another-password"));
        Assert.Null(_accounts.SignIn("admin", "another-password"));

        string hash = _service.Accounts.FindUser("admin")!.PasswordHash;
        Assert.DoesNotContain(generated, hash, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", hash, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_admin_password_is_used_and_nothing_is_printed_back()
    {
        Assert.Null(_accounts.EnsureFirstAdmin("configured-pass-1"));
        Assert.NotNull(_accounts.SignIn("ADMIN", "configured-pass-1"));
    }

    [Fact]
    public void An_expired_key_is_refused_with_its_reason_and_a_used_key_records_when()
    {
        var user = _accounts.CreateUser("kim", "kims-password", SystemRole.Member);
        var (secret, info) = _accounts.CreateKey(_accounts.CallerFor(user), "cron", kbs: null, readOnly: false, expiresInDays: 2);

        var (caller, refusal) = _accounts.ResolveKey(secret.Value);
        Assert.Equal(("kim", null), (caller?.User.Name, refusal));
        Assert.Equal(_clock.GetUtcNow(), _service.Accounts.ListKeys(user.Id).Single().LastUsedAt);

        _clock.Advance(TimeSpan.FromDays(2));
        (caller, refusal) = _accounts.ResolveKey(secret.Value);
        Assert.Null(caller);
        Assert.Contains("expired", refusal, StringComparison.Ordinal);
        Assert.Equal(info.ExpiresAt, _clock.GetUtcNow());
    }

    [Fact]
    public void A_key_with_a_wrong_secret_or_shape_is_refused()
    {
        var user = _accounts.CreateUser("lee", "lees-password", SystemRole.Member);
        var (secret, _) = _accounts.CreateKey(_accounts.CallerFor(user), "x", null, false, null);
        string tampered = secret.Value[..^1] + (secret.Value[^1] == 'a' ? 'b' : 'a');

        Assert.Null(_accounts.ResolveKey(tampered).Caller);
        Assert.Null(_accounts.ResolveKey("wj_short").Caller);
        Assert.Null(_accounts.ResolveKey(secret.Value.Replace("wj_", "xx_", StringComparison.Ordinal)).Caller);
        Assert.NotNull(_accounts.ResolveKey(secret.Value).Caller);
    }

    [Fact]
    public async Task Keys_are_narrowed_only_to_knowledge_bases_their_owner_sees()
    {
        var user = _accounts.CreateUser("max", "maxs-password", SystemRole.Member);
        await _service.CreateAsync("visible", null, TestContext.Current.CancellationToken);
        _service.Accounts.SetGrant("visible", PrincipalKind.User, "max", KnowledgeBaseRole.Viewer, mayDownload: false);

        var (secret, info) = _accounts.CreateKey(_accounts.CallerFor(user), "one", ["visible"], readOnly: true, expiresInDays: null);

        Assert.Equal(["visible"], info.Kbs);
        Assert.Equal(_clock.GetUtcNow().AddDays(90), info.ExpiresAt);
        var error = Assert.Throws<WenjinException>(() => _accounts.CreateKey(_accounts.CallerFor(user), "two", ["hidden"], false, null));
        Assert.Equal(WenjinErrorKind.NotFound, error.Kind);
        Assert.Equal(KnowledgeBaseRole.Viewer, _accounts.ResolveKey(secret.Value).Caller!.AccessTo("visible")!.Role);
    }
}
