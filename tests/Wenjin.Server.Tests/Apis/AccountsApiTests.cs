using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wenjin.Server.Tests.Apis;

/// <summary>Sign-in, sessions, users, API keys, the audit log, rate limits and security headers over real HTTP.</summary>
public sealed class AccountsApiTests
{
    private const string Password = "member-password-1";

    [Fact]
    public async Task Without_credentials_the_api_answers_401_but_the_ui_and_api_description_load()
    {
        await using var server = await TestServer.StartAsync();
        var anonymous = server.NewClient();

        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/kbs"), HttpStatusCode.Unauthorized, "unauthenticated");
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);

        var bogus = server.ClientWithKey("wj_0000000000000000_" + new string('a', 43));
        var refused = await ProblemAssert.IsProblemAsync(await bogus.GetAsync("/api/kbs"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("not valid", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_sets_a_strict_http_only_cookie_and_a_wrong_password_is_401_and_audited()
    {
        await using var server = await TestServer.StartAsync();
        var client = server.NewClient();

        var wrong = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { user = "admin", password = "nope-nope" }), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("wrong", wrong.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unknown = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { user = "ghost", password = "nope-nope" }), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());

        using var response = await client.PostAsJsonAsync("/api/auth/login", new { user = "admin", password = TestServer.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("wenjin.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("admin", "admin", true), (me.GetProperty("user").GetString(), me.GetProperty("role").GetString(), me.GetProperty("accounts").GetBoolean()));

        var audit = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/audit?action=auth.login", TestServer.Json);
        Assert.Contains(audit!, e => e.GetProperty("actor").GetString() == "ghost" && e.GetProperty("status").GetInt32() == 401);
        Assert.Contains(audit!, e => e.GetProperty("actor").GetString() == "admin" && e.GetProperty("status").GetInt32() == 200);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/kbs")).StatusCode);
    }

    [Fact]
    public async Task Changing_a_password_ends_other_sessions_and_disabling_a_user_ends_their_sessions_and_keys()
    {
        await using var server = await TestServer.StartAsync();
        await CreateUserAsync(server, "alice");
        var laptop = await server.ClientForAsync("alice", Password);
        var phone = await server.ClientForAsync("alice", Password);

        using (var change = await laptop.PostAsJsonAsync("/api/auth/password", new { current = Password, @new = "a-new-password-2" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/kbs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/kbs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.NewClient().PostAsJsonAsync("/api/auth/login", new { user = "alice", password = Password })).StatusCode);

        string key = await CreateKeyAsync(laptop, new { name = "script" });
        var script = server.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/kbs")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await server.Client.PatchAsJsonAsync("/api/users/alice", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/kbs")).StatusCode);
        var refused = await ProblemAssert.IsProblemAsync(await script.GetAsync("/api/kbs"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("disabled", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.NewClient().PostAsJsonAsync("/api/auth/login", new { user = "alice", password = "a-new-password-2" })).StatusCode);
    }

    [Fact]
    public async Task Api_keys_are_shown_once_stored_hashed_narrowed_to_visible_knowledge_bases_and_revocable()
    {
        await using var server = await TestServer.StartAsync();
        await CreateUserAsync(server, "bob");
        var bob = await server.ClientForAsync("bob", Password);
        await server.Client.PostAsJsonAsync("/api/kbs", new { name = "secret" });

        var invisible = await ProblemAssert.IsProblemAsync(await bob.PostAsJsonAsync("/api/keys", new { name = "x", kbs = new[] { "secret" } }), HttpStatusCode.NotFound, "notFound");
        Assert.Contains("'secret' does not exist", invisible.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await bob.PostAsJsonAsync("/api/keys", new { name = "x", expiresInDays = 4000 }), HttpStatusCode.BadRequest, "invalidInput");

        using var created = await bob.PostAsJsonAsync("/api/keys", new { name = "nightly import", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        string key = body.GetProperty("key").GetString()!;
        Assert.StartsWith("wj_", key, StringComparison.Ordinal);
        long id = body.GetProperty("info").GetProperty("id").GetInt64();
        var expires = body.GetProperty("info").GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));

        string listed = await bob.GetStringAsync("/api/keys");
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key[20..], listed, StringComparison.Ordinal);
        Assert.Contains("nightly import", listed, StringComparison.Ordinal);
        foreach (string file in Directory.GetFiles(server.Data, "wenjin.db*"))
        {
            Assert.DoesNotContain(key[20..], await File.ReadAllTextAsync(file, Encoding.Latin1), StringComparison.Ordinal);
        }

        var script = server.ClientWithKey(key);
        var me = await script.GetFromJsonAsync<JsonElement>("/api/auth/me", TestServer.Json);
        Assert.Equal(("bob", "nightly import"), (me.GetProperty("user").GetString(), me.GetProperty("key").GetProperty("name").GetString()));
        await ProblemAssert.IsProblemAsync(await script.PostAsJsonAsync("/api/keys", new { name = "child" }), HttpStatusCode.Forbidden, "forbidden");

        // A key made by a member who then gets a grant reaches it at once: keys carry their owner's grants as they are now.
        await server.Client.PostAsJsonAsync("/api/kbs/secret/members", new { user = "bob", role = "viewer" });
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/kbs/secret")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await bob.DeleteAsync($"/api/keys/{id}")).StatusCode);
        var revoked = await ProblemAssert.IsProblemAsync(await script.GetAsync("/api/kbs"), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("revoked", revoked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await server.Client.DeleteAsync($"/api/keys/{id}"), HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Members_may_create_knowledge_bases_they_then_own_but_not_manage_users()
    {
        await using var server = await TestServer.StartAsync();
        await CreateUserAsync(server, "carol");
        var carol = await server.ClientForAsync("carol", Password);

        Assert.Equal(HttpStatusCode.Created, (await carol.PostAsJsonAsync("/api/kbs", new { name = "carols" })).StatusCode);
        var members = await carol.GetFromJsonAsync<JsonElement[]>("/api/kbs/carols/members", TestServer.Json);
        var grant = Assert.Single(members!);
        Assert.Equal(("user", "carol", "owner"), (grant.GetProperty("kind").GetString(), grant.GetProperty("principal").GetString(), grant.GetProperty("role").GetString()));

        // An upload to a missing knowledge base creates it, as in the façade, and its uploader owns it; a refused upload creates nothing.
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("# 笔记\n\n内容。\n")), "file", "note.md" } };
        Assert.Equal(HttpStatusCode.Accepted, (await carol.PostAsync("/api/kbs/carols-uploads/documents", form)).StatusCode);
        Assert.Equal("owner", (await carol.GetFromJsonAsync<JsonElement[]>("/api/kbs/carols-uploads/members", TestServer.Json))!.Single().GetProperty("role").GetString());
        var refused = new MultipartFormDataContent { { new ByteArrayContent([0x4D, 0x5A]), "file", "setup.exe" } };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await carol.PostAsync("/api/kbs/never-created/documents", refused)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/kbs/never-created")).StatusCode);

        await ProblemAssert.IsProblemAsync(await carol.GetAsync("/api/users"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await carol.PostAsJsonAsync("/api/users", new { user = "mallory", password = Password, role = "admin" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await carol.GetAsync("/api/audit"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await carol.GetAsync("/api/groups"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task The_server_keeps_an_enabled_administrator_and_checks_new_users()
    {
        await using var server = await TestServer.StartAsync();
        await ProblemAssert.IsProblemAsync(await server.Client.DeleteAsync("/api/users/admin"), HttpStatusCode.Conflict, "conflict");
        await ProblemAssert.IsProblemAsync(await server.Client.PatchAsJsonAsync("/api/users/admin", new { role = "member" }), HttpStatusCode.Conflict, "conflict");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/users", new { user = "dave", password = "short", role = "member" }), HttpStatusCode.BadRequest, "invalidInput");
        await CreateUserAsync(server, "dave");
        await ProblemAssert.IsProblemAsync(await server.Client.PostAsJsonAsync("/api/users", new { user = "DAVE", password = Password, role = "member" }), HttpStatusCode.Conflict, "conflict");

        Assert.Equal(HttpStatusCode.OK, (await server.Client.PatchAsJsonAsync("/api/users/dave", new { role = "admin" })).StatusCode);
        var dave = await server.ClientForAsync("dave", Password);
        Assert.Equal(HttpStatusCode.NoContent, (await dave.DeleteAsync("/api/users/admin")).StatusCode);
        await ProblemAssert.IsProblemAsync(await dave.PatchAsJsonAsync("/api/users/dave", new { disabled = true }), HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client.GetAsync("/api/kbs")).StatusCode);
    }

    [Fact]
    public async Task Originals_download_as_attachments_only_with_the_download_permission_and_are_audited()
    {
        await using var server = await TestServer.StartAsync();
        await server.Client.PostAsJsonAsync("/api/kbs", new { name = "files" });
        byte[] html = Encoding.UTF8.GetBytes("<html><body><h1>公告</h1><p>正文内容。</p><script>alert(1)</script></body></html>");
        await server.UploadAsync("files", ("notice.html", html));
        string id = (await server.WaitForDocumentsAsync("files", 1))[0].GetProperty("id").GetString()!;
        await CreateUserAsync(server, "erin");
        await server.Client.PostAsJsonAsync("/api/kbs/files/members", new { user = "erin", role = "viewer" });
        var erin = await server.ClientForAsync("erin", Password);

        var refused = await ProblemAssert.IsProblemAsync(await erin.GetAsync($"/api/kbs/files/documents/{id}/original"), HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("download", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await erin.GetAsync($"/api/kbs/files/documents/{id}/content")).StatusCode);

        await server.Client.PostAsJsonAsync("/api/kbs/files/members", new { user = "erin", role = "viewer", mayDownload = true });
        using var download = await erin.GetAsync($"/api/kbs/files/documents/{id}/original");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(html, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("notice.html", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        var audit = await server.Client.GetFromJsonAsync<JsonElement[]>("/api/audit?kb=files", TestServer.Json);
        Assert.Equal(2, audit!.Count(e => e.GetProperty("action").GetString() == "document.download" && e.GetProperty("actor").GetString() == "erin"));
        Assert.Contains(audit!, e => e.GetProperty("action").GetString() == "document.download" && e.GetProperty("status").GetInt32() == 403 && e.GetProperty("docId").GetString() == id);
        var upload = Assert.Single(audit!, e => e.GetProperty("action").GetString() == "document.upload");
        Assert.Equal(("admin", "notice.html", 202), (upload.GetProperty("actor").GetString(), upload.GetProperty("detail").GetString(), upload.GetProperty("status").GetInt32()));
        Assert.Contains(audit!, e => e.GetProperty("action").GetString() == "member.grant" && e.GetProperty("detail").GetString() == "user erin: viewer + download");
        Assert.False(string.IsNullOrEmpty(upload.GetProperty("remote").GetString()));
    }

    [Fact]
    public async Task Every_response_carries_a_strict_content_security_policy()
    {
        await using var server = await TestServer.StartAsync();
        foreach (string path in new[] { "/", "/js/main.js", "/api/kbs" })
        {
            using var response = await server.Client.GetAsync(path);
            string policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task Requests_over_the_rate_limit_get_429_with_retry_after_per_user()
    {
        await using var server = await TestServer.StartAsync(settings: ["--Wenjin:RateLimits:RequestsPerMinute", "60", "--Wenjin:RateLimits:SignInsPerMinute", "3"]);
        await CreateUserAsync(server, "frank");
        var frank = await server.ClientForAsync("frank", Password);

        var statuses = new List<HttpResponseMessage>();
        for (int i = 0; i < 30; i++)
        {
            statuses.Add(await frank.GetAsync("/api/kbs"));
        }

        var limited = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(limited);
        Assert.True(int.Parse(limited[0].Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests, "rateLimited");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/api/kbs")).StatusCode);

        var guesser = server.NewClient();
        var attempts = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            attempts.Add((await guesser.PostAsJsonAsync("/api/auth/login", new { user = "admin", password = "guess-" + i })).StatusCode);
        }

        // Two sign-ins from this address came before (the admin's and frank's): the guesser is stopped within the limit.
        Assert.Contains(HttpStatusCode.TooManyRequests, attempts);
        Assert.All(attempts, status => Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, status.ToString()));
    }

    [Fact]
    public async Task Without_accounts_the_server_refuses_to_listen_beyond_loopback()
    {
        string data = Path.Combine(Path.GetTempPath(), "wenjin-server-" + Guid.NewGuid().ToString("N"));
        var error = Assert.ThrowsAny<Exception>(() => WenjinServer.Create(["--urls", "http://0.0.0.0:0", "--Wenjin:Data", data, "--Wenjin:Accounts:Enabled", "false"]));
        Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);

        await using var server = await TestServer.StartAsync(settings: ["--Wenjin:Accounts:Enabled", "false"]);
        var anyone = server.NewClient();
        Assert.Equal(HttpStatusCode.Created, (await anyone.PostAsJsonAsync("/api/kbs", new { name = "open" })).StatusCode);
        var me = await anyone.GetFromJsonAsync<JsonElement>("/api/auth/me", TestServer.Json);
        Assert.False(me.GetProperty("accounts").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/api/users")).StatusCode);
    }

    private static async Task CreateUserAsync(TestServer server, string user)
    {
        using var response = await server.Client.PostAsJsonAsync("/api/users", new { user, password = Password, role = "member" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> CreateKeyAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync("/api/keys", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
