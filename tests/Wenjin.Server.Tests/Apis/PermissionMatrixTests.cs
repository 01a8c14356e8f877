using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Wenjin.Server.Tests.Apis;

/// <summary>
/// Every caller (users with each system and knowledge-base role, a group member, an outsider, narrowed and read-only API
/// keys, nobody signed in) against every knowledge-base endpoint of three knowledge bases (two real, one that does not
/// exist). The expected outcome of each cell is computed from the grants this test hands out, not by the server's own
/// access code: 2xx when the role suffices, 403 when the knowledge base is visible but the role is too low, 404 — with
/// the very message of a knowledge base that does not exist — when it is invisible, 401 without credentials. Then the
/// leaks that a per-endpoint check misses: a fact that exists only in B asked in A, B's document id asked through A,
/// other users' conversations, and the knowledge base lists.
/// </summary>
public sealed class PermissionMatrixTests
{
    private const string KbA = "kb-a";
    private const string KbB = "kb-b";
    private const string KbNone = "kb-none";
    private const string Password = "member-password-1";

    private static readonly byte[] DocumentA = Encoding.UTF8.GetBytes("# 差旅报销制度\n\n员工出差乘坐高铁二等座，住宿标准为每晚 450 元。报销须在出差结束后 15 日内提交。\n");
    private static readonly byte[] DocumentB = Encoding.UTF8.GetBytes("# 紫藤计划\n\n紫藤计划的启动资金为 3860 万元，由华东分部负责实施，计划于 2026 年 3 月完成验收。\n");

    private enum Role
    {
        Viewer,
        Editor,
        Owner,
    }

    [Fact]
    public async Task No_caller_reaches_anything_beyond_their_grants_on_any_endpoint()
    {
        await using var server = await TestServer.StartAsync();
        var admin = server.Client;
        string docA = await CreateKnowledgeBaseWithDocumentAsync(server, KbA, "a-policy.md", DocumentA);
        string docB = await CreateKnowledgeBaseWithDocumentAsync(server, KbB, "b-plan.md", DocumentB);

        foreach (string user in new[] { "owner-a", "editor-a", "viewer-a", "downloader-a", "group-viewer", "outsider", "nobody" })
        {
            await Ok(admin.PostAsJsonAsync("/api/users", new { user, password = Password, role = "member" }));
        }

        await Ok(admin.PostAsJsonAsync("/api/groups", new { name = "finance" }));
        await Ok(admin.PostAsJsonAsync("/api/groups/finance/members", new { user = "group-viewer" }));
        await Ok(admin.PostAsJsonAsync($"/api/kbs/{KbA}/members", new { user = "owner-a", role = "owner", mayDownload = true }));
        await Ok(admin.PostAsJsonAsync($"/api/kbs/{KbA}/members", new { user = "editor-a", role = "editor" }));
        await Ok(admin.PostAsJsonAsync($"/api/kbs/{KbA}/members", new { user = "viewer-a", role = "viewer" }));
        await Ok(admin.PostAsJsonAsync($"/api/kbs/{KbA}/members", new { user = "downloader-a", role = "viewer", mayDownload = true }));
        await Ok(admin.PostAsJsonAsync($"/api/kbs/{KbA}/members", new { group = "finance", role = "viewer" }));
        await Ok(admin.PostAsJsonAsync($"/api/kbs/{KbB}/members", new { user = "group-viewer", role = "editor" }));

        var callers = new List<(string Name, HttpClient Client, Dictionary<string, (Role Role, bool Download)> Grants)>
        {
            ("admin", admin, Everything(download: true, Role.Owner)),
            ("owner-a", await server.ClientForAsync("owner-a", Password), new() { [KbA] = (Role.Owner, true) }),
            ("editor-a", await server.ClientForAsync("editor-a", Password), new() { [KbA] = (Role.Editor, false) }),
            ("viewer-a", await server.ClientForAsync("viewer-a", Password), new() { [KbA] = (Role.Viewer, false) }),
            ("downloader-a", await server.ClientForAsync("downloader-a", Password), new() { [KbA] = (Role.Viewer, true) }),
            ("group-viewer", await server.ClientForAsync("group-viewer", Password), new() { [KbA] = (Role.Viewer, false), [KbB] = (Role.Editor, false) }),
            ("outsider", await server.ClientForAsync("outsider", Password), new()),
            ("admin key narrowed to A", server.ClientWithKey(await KeyAsync(admin, new { name = "a only", kbs = new[] { KbA } })), new() { [KbA] = (Role.Owner, true) }),
            ("admin read-only key", server.ClientWithKey(await KeyAsync(admin, new { name = "read", readOnly = true })), Everything(download: true, Role.Viewer)),
            ("viewer-a key", server.ClientWithKey(await KeyAsync(callersClient: await server.ClientForAsync("viewer-a", Password), new { name = "script" })), new() { [KbA] = (Role.Viewer, false) }),
            ("editor-a read-only key", server.ClientWithKey(await KeyAsync(await server.ClientForAsync("editor-a", Password), new { name = "ro", readOnly = true })), new() { [KbA] = (Role.Viewer, false) }),
        };

        var failures = new List<string>();
        var documents = new Dictionary<string, string> { [KbA] = docA, [KbB] = docB, [KbNone] = "0123456789abcdef" };
        var probes = new Dictionary<string, string>(StringComparer.Ordinal);

        // Nobody signed in: every endpoint answers 401, whatever the knowledge base.
        var anonymous = server.NewClient();
        foreach (string kb in documents.Keys)
        {
            foreach (var endpoint in Endpoints(kb, documents[kb], "anonymous", probes))
            {
                using var response = await anonymous.SendAsync(endpoint.Request());
                Expect(failures, "anonymous", endpoint.Name, kb, response, HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
            }
        }

        foreach (var (name, client, grants) in callers)
        {
            foreach (string kb in documents.Keys)
            {
                bool exists = kb != KbNone;
                grants.TryGetValue(kb, out var grant);
                bool visible = exists && grants.ContainsKey(kb);
                foreach (var endpoint in Endpoints(kb, documents[kb], Slug(name), probes))
                {
                    var expected = !visible ? HttpStatusCode.NotFound
                        : grant.Role < endpoint.Needs || (endpoint.NeedsDownload && !grant.Download) ? HttpStatusCode.Forbidden
                        : HttpStatusCode.OK;
                    if ((!exists && endpoint.Changes) || (expected == HttpStatusCode.OK && endpoint.OnlyRefusals))
                    {
                        // An administrator's upload to a missing knowledge base would create it; an owner's delete
                        // would end the test. Neither is an access question.
                        continue;
                    }

                    using var response = await client.SendAsync(endpoint.Request());
                    string body = await response.Content.ReadAsStringAsync();
                    Expect(failures, name, endpoint.Name, kb, response, expected, body);
                    if (endpoint.Name == "upload" && response.StatusCode == HttpStatusCode.Accepted)
                    {
                        probes[kb + "/" + Slug(name)] = JsonDocument.Parse(body).RootElement.GetProperty("documents")[0].GetProperty("id").GetString()!;
                    }

                    if (expected == HttpStatusCode.NotFound && exists && !endpoint.Changes && !name.StartsWith("admin", StringComparison.Ordinal))
                    {
                        // No grant must read exactly like no knowledge base.
                        using var missing = await client.SendAsync(Endpoints(KbNone, documents[KbNone], Slug(name), probes).First(e => e.Name == endpoint.Name).Request());
                        string missingDetail = Detail(await missing.Content.ReadAsStringAsync()).Replace(KbNone, kb, StringComparison.Ordinal);
                        if (Detail(body) != missingDetail)
                        {
                            failures.Add($"{name} {endpoint.Name} {kb}: 404 '{Detail(body)}' differs from a missing knowledge base's '{missingDetail}'");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} cells wrong:\n" + string.Join('\n', failures));

        // The knowledge base lists show exactly the granted ones.
        foreach (var (name, client, grants) in callers)
        {
            var listed = (await client.GetFromJsonAsync<JsonElement[]>("/api/kbs", TestServer.Json))!.Select(kb => kb.GetProperty("name").GetString()!).Where(n => n is KbA or KbB).Order();
            Assert.True(grants.Keys.Where(k => k is KbA or KbB).Order().SequenceEqual(listed), $"{name} lists {string.Join(", ", listed)}");
        }
    }

    [Fact]
    public async Task A_viewer_of_A_asking_about_a_fact_only_in_B_is_refused_without_any_citation_from_B()
    {
        await using var server = await TestServer.StartAsync();
        string docA = await CreateKnowledgeBaseWithDocumentAsync(server, KbA, "a-policy.md", DocumentA);
        string docB = await CreateKnowledgeBaseWithDocumentAsync(server, KbB, "b-plan.md", DocumentB);
        await Ok(server.Client.PostAsJsonAsync("/api/users", new { user = "viewer-a", password = Password, role = "member" }));
        await Ok(server.Client.PostAsJsonAsync($"/api/kbs/{KbA}/members", new { user = "viewer-a", role = "viewer" }));
        var viewer = await server.ClientForAsync("viewer-a", Password);

        // The admin, who sees B, gets the fact from B: the question is answerable where it may be answered.
        var answerInB = await (await server.Client.PostAsJsonAsync($"/api/kbs/{KbB}/ask", new { question = "紫藤计划的启动资金是多少？" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answerInB.GetProperty("refused").GetBoolean());
        Assert.Contains("3860", answerInB.GetProperty("answer").GetString(), StringComparison.Ordinal);

        var answer = await (await viewer.PostAsJsonAsync($"/api/kbs/{KbA}/ask", new { question = "紫藤计划的启动资金是多少？" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("refused").GetBoolean());
        Assert.DoesNotContain("3860", answer.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("紫藤", answer.GetProperty("answer").GetString()!.Replace("紫藤计划的启动资金是多少", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(answer.GetProperty("citations").EnumerateArray(), c => Assert.Equal(docA, c.GetProperty("docId").GetString()));

        var hits = await (await viewer.PostAsJsonAsync($"/api/kbs/{KbA}/search", new { query = "紫藤计划 启动资金 3860 万元" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.All(hits.GetProperty("hits").EnumerateArray(), h => Assert.Equal(docA, h.GetProperty("docId").GetString()));
        Assert.DoesNotContain("3860", hits.GetProperty("hits").GetRawText(), StringComparison.Ordinal);

        // B's document through A's address: not there.
        foreach (string path in new[] { $"/api/kbs/{KbA}/documents/{docB}", $"/api/kbs/{KbA}/documents/{docB}/content", $"/api/kbs/{KbA}/documents/{docB}/original" })
        {
            using var response = await viewer.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("3860", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var asked = await viewer.PostAsJsonAsync($"/api/kbs/{KbB}/ask", new { question = "紫藤计划的启动资金是多少？" });
        await ProblemAssert.IsProblemAsync(asked, HttpStatusCode.NotFound, "notFound");
    }

    [Fact]
    public async Task Conversations_belong_to_the_user_who_started_them()
    {
        await using var server = await TestServer.StartAsync();
        await CreateKnowledgeBaseWithDocumentAsync(server, KbA, "a-policy.md", DocumentA);
        foreach (string user in new[] { "viewer-a", "viewer-b" })
        {
            await Ok(server.Client.PostAsJsonAsync("/api/users", new { user, password = Password, role = "member" }));
            await Ok(server.Client.PostAsJsonAsync($"/api/kbs/{KbA}/members", new { user, role = "viewer" }));
        }

        var first = await server.ClientForAsync("viewer-a", Password);
        var second = await server.ClientForAsync("viewer-b", Password);
        var answer = await (await first.PostAsJsonAsync($"/api/kbs/{KbA}/ask", new { question = "住宿标准是多少？" })).Content.ReadFromJsonAsync<JsonElement>();
        string id = answer.GetProperty("conversationId").GetString()!;

        Assert.Contains(await ConversationIdsAsync(first), c => c == id);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/api/kbs/{KbA}/conversations/{id}")).StatusCode);
        foreach (var other in new[] { second, server.Client })
        {
            Assert.DoesNotContain(await ConversationIdsAsync(other), c => c == id);
            await ProblemAssert.IsProblemAsync(await other.GetAsync($"/api/kbs/{KbA}/conversations/{id}"), HttpStatusCode.NotFound, "notFound");
            await ProblemAssert.IsProblemAsync(await other.PostAsJsonAsync($"/api/kbs/{KbA}/ask", new { question = "报销期限呢？", conversationId = id }), HttpStatusCode.NotFound, "notFound");
            await ProblemAssert.IsProblemAsync(await other.DeleteAsync($"/api/kbs/{KbA}/conversations/{id}"), HttpStatusCode.NotFound, "notFound");
        }

        var followUp = await (await first.PostAsJsonAsync($"/api/kbs/{KbA}/ask", new { question = "报销期限呢？", conversationId = id })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, followUp.GetProperty("conversationId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await first.DeleteAsync($"/api/kbs/{KbA}/conversations/{id}")).StatusCode);

        async Task<string[]> ConversationIdsAsync(HttpClient client) =>
            (await client.GetFromJsonAsync<JsonElement[]>($"/api/kbs/{KbA}/conversations", TestServer.Json))!.Select(c => c.GetProperty("id").GetString()!).ToArray();
    }

    /// <summary>One request per knowledge-base endpoint, with the role it needs; changes use names unique to the caller.</summary>
    private static IEnumerable<Endpoint> Endpoints(string kb, string docId, string caller, Dictionary<string, string> probes)
    {
        string root = $"/api/kbs/{kb}";
        yield return new("knowledge base", Role.Viewer, false, false, () => Get(root));
        yield return new("embeddings", Role.Viewer, false, false, () => Get($"{root}/embeddings"));
        yield return new("documents", Role.Viewer, false, false, () => Get($"{root}/documents"));
        yield return new("document", Role.Viewer, false, false, () => Get($"{root}/documents/{docId}"));
        yield return new("content", Role.Viewer, false, false, () => Get($"{root}/documents/{docId}/content"));
        yield return new("original", Role.Viewer, true, false, () => Get($"{root}/documents/{docId}/original"));
        yield return new("search", Role.Viewer, false, false, () => Post($"{root}/search", new { query = "报销 住宿 资金" }));
        yield return new("ask", Role.Viewer, false, false, () => Post($"{root}/ask", new { question = "住宿标准是多少？" }));
        yield return new("conversations", Role.Viewer, false, false, () => Get($"{root}/conversations"));
        yield return new("brief", Role.Viewer, false, false, () => Post($"{root}/brief", new { topic = "报销" }));
        yield return new("records", Role.Viewer, false, false, () => Get($"{root}/records?schema=news-brief"));
        yield return new("export", Role.Viewer, false, false, () => Get($"{root}/records/export?schema=news-brief&format=csv"));
        yield return new("extract", Role.Editor, false, true, () => Post($"{root}/extractions", new { schema = "news-brief", docIds = new[] { docId } }));
        yield return new("upload", Role.Editor, false, true, () => Upload($"{root}/documents", $"probe-{caller}.md"));
        // The caller's own upload when it was accepted; else the knowledge base's document, which must then stay.
        yield return new("delete document", Role.Editor, false, true, () => new HttpRequestMessage(HttpMethod.Delete, $"{root}/documents/{probes.GetValueOrDefault(kb + "/" + caller, docId)}"));
        yield return new("members", Role.Owner, false, false, () => Get($"{root}/members"));
        yield return new("grant", Role.Owner, false, true, () => Post($"{root}/members", new { user = "nobody", role = "viewer" }));
        yield return new("revoke", Role.Owner, false, true, () => new HttpRequestMessage(HttpMethod.Delete, $"{root}/members/user/nobody"));
        yield return new("delete knowledge base", Role.Owner, false, true, () => new HttpRequestMessage(HttpMethod.Delete, root)) { OnlyRefusals = true };
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static HttpRequestMessage Upload(string path, string name)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("# 探针\n\n这是权限测试上传的文件。\n")), "file", name } };
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
    }

    private static void Expect(List<string> failures, string caller, string endpoint, string kb, HttpResponseMessage response, HttpStatusCode expected, string body)
    {
        bool ok = expected == HttpStatusCode.OK ? response.IsSuccessStatusCode : response.StatusCode == expected;
        if (!ok)
        {
            failures.Add($"{caller} {endpoint} {kb}: expected {(int)expected}, got {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }
        else if (!response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{caller} {endpoint} {kb}: {(int)response.StatusCode} is not problem details");
        }
    }

    private static string Detail(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return body;
        }
    }

    private static Dictionary<string, (Role Role, bool Download)> Everything(bool download, Role role) =>
        new() { [KbA] = (role, download), [KbB] = (role, download) };

    private static string Slug(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private static async Task<string> KeyAsync(HttpClient callersClient, object request)
    {
        using var response = await callersClient.PostAsJsonAsync("/api/keys", request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static async Task Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<string> CreateKnowledgeBaseWithDocumentAsync(TestServer server, string kb, string name, byte[] content)
    {
        await Ok(server.Client.PostAsJsonAsync("/api/kbs", new { name = kb }));
        using var upload = await server.UploadAsync(kb, (name, content));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var documents = await server.WaitForDocumentsAsync(kb, 1);
        Assert.Equal("indexed", documents[0].GetProperty("status").GetString());
        return documents[0].GetProperty("id").GetString()!;
    }

    private sealed record Endpoint(string Name, Role Needs, bool NeedsDownload, bool Changes, Func<HttpRequestMessage> Request)
    {
        /// <summary>Sent only to callers who must be refused.</summary>
        public bool OnlyRefusals { get; init; }
    }
}
