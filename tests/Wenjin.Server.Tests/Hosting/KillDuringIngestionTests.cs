using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Wenjin.Server.Accounts;

namespace Wenjin.Server.Tests.Hosting;

/// <summary>
/// The durable ingestion queue against a real server process killed with SIGKILL (no shutdown code runs): every upload
/// the server acknowledged with 202 must survive a kill at any point, and after restarts on the same data directory
/// each document ends up indexed exactly once (never lost, never twice), with its full text and its original file kept,
/// and searchable; a session signed in before the kills still works after them (the data-protection keys live in the
/// data directory).
/// </summary>
/// <remarks>
/// Four starts of Wenjin.Server (<see cref="ServerProcess"/>) on one data directory, three kills: (1) right after the
/// 202 answers of the first uploads; (2) after a restart and more uploads, once some documents are indexed while others
/// are still being parsed or indexed; (3) after another restart and a last upload, once ingestion has moved on again
/// while some documents are still in progress. The fourth start runs until the queue is drained. The kill points
/// depend on what the document list shows, never on elapsed time; the assertions are on the outcome only.
/// </remarks>
public sealed class KillDuringIngestionTests : IDisposable
{
    private const string KnowledgeBase = "durability";
    private const string AdminPassword = "kill-9-admin-password";
    private const int DocumentCount = 48;

    /// <summary>A guard against a queue that never drains (a hang is a failure), not a measured time.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(4);

    /// <summary>Rate limits off: the test polls the document list quickly; the limits have tests of their own.</summary>
    private static readonly string[] Settings = ["--Logging:LogLevel:Default", "Warning", "--Wenjin:RateLimits:RequestsPerMinute", "0"];

    private static readonly string[] Unfinished = ["queued", "parsing", "indexing"];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "wenjin-kill9-" + Guid.NewGuid().ToString("N"));
    private readonly List<ServerProcess> _servers = [];
    private readonly ITestOutputHelper _output;

    public KillDuringIngestionTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task Every_acknowledged_upload_survives_kill_9_and_is_indexed_exactly_once()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        GeneratedDocument[] corpus = [.. Enumerable.Range(1, DocumentCount).Select(Generate)];
        var acknowledged = new Dictionary<string, GeneratedDocument>(StringComparer.Ordinal);

        // Kill 1: right after the 202s of the first uploads.
        var server = await StartAsync("start 1", cancellationToken);
        string session = await SignInAsync(server, cancellationToken);
        using (var client = ClientFor(server, session))
        {
            foreach (var part in corpus[..24].Chunk(8))
            {
                await UploadAsync(client, part, acknowledged, cancellationToken);
            }

            server.Kill();
        }

        Note(server, "killed right after the 202s", acknowledged.Count, statuses: null);

        // Kill 2: restarted, more uploads on top of the recovered queue, killed while some are indexed and some in progress.
        server = await StartAsync("start 2", cancellationToken);
        using (var client = ClientFor(server, session))
        {
            await AssertSignedInAsync(client, server, "after the first kill", cancellationToken);
            foreach (var part in corpus[24..40].Chunk(8))
            {
                await UploadAsync(client, part, acknowledged, cancellationToken);
            }

            var seen = await WaitForAsync(client, server, s => Count(s, "indexed") >= 1 && InProgress(s) >= 1, cancellationToken);
            server.Kill();
            Note(server, "killed during ingestion", acknowledged.Count, seen);
        }

        // Kill 3: restarted mid-way, a last upload, killed once ingestion moved on and something is in progress again.
        server = await StartAsync("start 3", cancellationToken);
        using (var client = ClientFor(server, session))
        {
            int indexedAtRestart = Count(await ListAsync(client, server, cancellationToken), "indexed");
            await UploadAsync(client, corpus[40..], acknowledged, cancellationToken);
            var seen = await WaitForAsync(client, server, s => Count(s, "indexed") > indexedAtRestart && InProgress(s) >= 1, cancellationToken);
            server.Kill();
            Note(server, $"killed after a restart mid-way ({indexedAtRestart} indexed at the restart)", acknowledged.Count, seen);
        }

        Assert.Equal(DocumentCount, acknowledged.Count);

        // The last start runs until the queue is drained.
        server = await StartAsync("start 4", cancellationToken);
        using var final = ClientFor(server, session);
        await AssertSignedInAsync(final, server, "after three kills", cancellationToken);
        JsonElement[] documents = await WaitUntilDrainedAsync(final, server, cancellationToken);
        Note(server, "drained", acknowledged.Count, Statuses(documents));

        // Every acknowledged document, once, indexed: none lost, none duplicated, none failed.
        string[] ids = [.. documents.Select(d => d.GetProperty("id").GetString()!)];
        Check(ids.Length == ids.Distinct(StringComparer.Ordinal).Count(), $"A document is listed twice: {Describe(documents)}");
        Check(
            ids.Order(StringComparer.Ordinal).SequenceEqual(acknowledged.Keys.Order(StringComparer.Ordinal)),
            $"The listed documents are not the {acknowledged.Count} acknowledged ones. Missing: [{string.Join(", ", acknowledged.Keys.Except(ids).Select(id => acknowledged[id].FileName))}]; "
            + $"not acknowledged: [{string.Join(", ", ids.Except(acknowledged.Keys))}]. Listed: {Describe(documents)}");
        foreach (var document in documents)
        {
            string id = document.GetProperty("id").GetString()!;
            Check(document.GetProperty("status").GetString() == "indexed", $"{acknowledged[id].FileName} is not indexed: {document.GetRawText()}");
            Check(document.GetProperty("sourceId").GetString() == acknowledged[id].FileName, $"{id} has the wrong source: {document.GetRawText()}");
        }

        // The knowledge base counts agree with the list: no chunks left over from an interrupted attempt.
        var info = await GetJsonAsync(final, server, $"/api/kbs/{KnowledgeBase}", cancellationToken);
        int listedChunks = documents.Sum(d => d.GetProperty("chunks").GetInt32());
        Check(info.GetProperty("documentCount").GetInt32() == DocumentCount, $"documentCount is not {DocumentCount}: {info.GetRawText()}");
        Check(info.GetProperty("chunkCount").GetInt32() == listedChunks, $"chunkCount is not the {listedChunks} chunks of the listed documents: {info.GetRawText()}");

        foreach (var document in documents)
        {
            string id = document.GetProperty("id").GetString()!;
            var expected = acknowledged[id];

            // The extracted text is the whole document, chunked once.
            var content = await GetJsonAsync(final, server, $"/api/kbs/{KnowledgeBase}/documents/{id}/content", cancellationToken);
            string text = content.GetProperty("text").GetString()!;
            string? missing = expected.Paragraphs.Prepend(expected.Title).FirstOrDefault(p => !text.Contains(p, StringComparison.Ordinal));
            Check(missing is null, $"{expected.FileName}: the content lacks the paragraph \"{Excerpt(missing)}\" ({text.Length} characters of text, {expected.Text.Length} uploaded)");
            var chunkIds = content.GetProperty("chunks").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToArray();
            Check(chunkIds.Length == document.GetProperty("chunks").GetInt32(), $"{expected.FileName}: {chunkIds.Length} chunks in the content, {document.GetProperty("chunks").GetInt32()} listed");
            Check(chunkIds.Distinct(StringComparer.Ordinal).Count() == chunkIds.Length, $"{expected.FileName}: a chunk id repeats");

            // The kept original is the uploaded file, byte for byte.
            using (var original = await final.GetAsync(new Uri($"/api/kbs/{KnowledgeBase}/documents/{id}/original", UriKind.Relative), cancellationToken))
            {
                byte[] bytes = await original.Content.ReadAsByteArrayAsync(cancellationToken);
                Check(original.StatusCode == HttpStatusCode.OK, $"{expected.FileName}: GET original answered {(int)original.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
                Check(bytes.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(expected.Text)), $"{expected.FileName}: the original ({bytes.Length} bytes) is not the uploaded file");
            }

            // Its unique token finds it, in exactly one chunk, and nothing else.
            using var response = await final.PostAsJsonAsync($"/api/kbs/{KnowledgeBase}/search", new { query = expected.Token, top = 10 }, cancellationToken);
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            Check(response.StatusCode == HttpStatusCode.OK, $"search {expected.Token}: {(int)response.StatusCode} {body}");
            var hits = JsonDocument.Parse(body).RootElement.GetProperty("hits").EnumerateArray().ToArray();
            Check(hits.Length > 0, $"search {expected.Token} ({expected.FileName}) finds nothing");
            Check(hits.All(h => h.GetProperty("docId").GetString() == id), $"search {expected.Token} finds other documents than {expected.FileName}: {body}");
            Check(
                hits.Count(h => h.GetProperty("text").GetString()!.Contains(expected.Token, StringComparison.Ordinal)) == 1,
                $"search {expected.Token} should find exactly one chunk holding it: {body}");
        }
    }

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Dispose();
        }

        TestData.DeleteDirectory(_data);
    }

    /// <summary>
    /// Document <paramref name="index"/>: Markdown for odd, plain text for even indexes, of 3,000 characters, 40,000 for
    /// every fourth and 300,000 for every eighth (so a batch keeps the worker busy for a moment), with a unique token.
    /// </summary>
    private static GeneratedDocument Generate(int index)
    {
        string[] subjects = ["公司", "研究院", "数据中心", "项目组", "财务部", "董事会", "市场团队", "运维中心", "审计委员会", "采购中心"];
        string[] verbs = ["完成了", "推进了", "评估了", "优化了", "发布了", "审议了", "扩建了", "升级了", "调整了", "检查了"];
        string[] objects = ["算力平台", "年度预算", "供应链体系", "安全制度", "客户服务流程", "能耗指标", "研发计划", "数据治理方案", "差旅标准", "培训课程"];
        string[] outcomes = ["整体进展符合预期", "较上年提升{0}%", "涉及金额{0}万元", "覆盖{0}个城市", "共有{0}名员工参与", "节约成本{0}万元"];
        var random = new Random(index);
        int length = index % 8 == 0 ? 300_000 : index % 4 == 0 ? 40_000 : 3_000;
        bool markdown = index % 2 == 1;
        string token = string.Create(CultureInfo.InvariantCulture, $"kill9doc{index:D3}");
        string title = string.Create(CultureInfo.InvariantCulture, $"第{index}号经营情况报告");

        string Sentence()
        {
            string outcome = string.Format(CultureInfo.InvariantCulture, outcomes[random.Next(outcomes.Length)], random.Next(2, 999));
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{subjects[random.Next(subjects.Length)]}在{random.Next(2015, 2025)}年{random.Next(1, 13)}月{verbs[random.Next(verbs.Length)]}{objects[random.Next(objects.Length)]}，{outcome}。");
        }

        string Paragraph() => string.Concat(Enumerable.Range(0, random.Next(4, 9)).Select(_ => Sentence()));

        var paragraphs = new List<string> { Paragraph(), $"本报告的核对编号是 {token} ，检索时以此为准。{Sentence()}" };
        int characters = paragraphs.Sum(p => p.Length);
        while (characters < length)
        {
            string paragraph = Paragraph();
            paragraphs.Add(paragraph);
            characters += paragraph.Length;
        }

        var text = new StringBuilder();
        text.Append(markdown ? "# " : string.Empty).Append(title).Append("\n\n");
        for (int i = 0; i < paragraphs.Count; i++)
        {
            if (markdown && i % 10 == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"## 第{i / 10 + 1}部分\n\n");
            }

            text.Append(paragraphs[i]).Append("\n\n");
        }

        string fileName = string.Create(CultureInfo.InvariantCulture, $"报告-{index:D3}.{(markdown ? "md" : "txt")}");
        return new GeneratedDocument(fileName, text.ToString(), token, title, paragraphs);
    }

    private static int Count(IReadOnlyDictionary<string, string> statuses, string status) => statuses.Values.Count(s => s == status);

    private static int InProgress(IReadOnlyDictionary<string, string> statuses) => statuses.Values.Count(s => s is "parsing" or "indexing");

    private static Dictionary<string, string> Statuses(IEnumerable<JsonElement> documents) =>
        documents.ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("status").GetString()!, StringComparer.Ordinal);

    private static string Tally(IReadOnlyDictionary<string, string> statuses) =>
        string.Join(", ", statuses.Values.GroupBy(s => s, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));

    private static string Describe(IEnumerable<JsonElement> documents) =>
        string.Join("; ", documents.Select(d => $"{d.GetProperty("sourceId").GetString()} {d.GetProperty("status").GetString()}"));

    private static string Excerpt(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..60] + "…";

    private static HttpClient ClientFor(ServerProcess server, string session)
    {
        // Cookies are sent by hand so the same session goes to every restart, whatever port it listens on.
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("Cookie", session);
        return client;
    }

    private async Task<ServerProcess> StartAsync(string label, CancellationToken cancellationToken)
    {
        var server = await ServerProcess.StartAsync(label, _data, AdminPassword, Settings, cancellationToken);
        _servers.Add(server);
        return server;
    }

    /// <summary>Signs in as admin and returns the session cookie(s) as a Cookie header value.</summary>
    private async Task<string> SignInAsync(ServerProcess server, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { user = "admin", password = AdminPassword }, cancellationToken);
        Check(response.StatusCode == HttpStatusCode.OK, $"Signing in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        string[] cookies = [.. response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []];
        Check(cookies.Any(c => c.StartsWith(AccountRegistration.CookieName, StringComparison.Ordinal)), $"Signing in set no session cookie: [{string.Join(", ", cookies)}]");
        return string.Join("; ", cookies);
    }

    private async Task AssertSignedInAsync(HttpClient client, ServerProcess server, string when, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri("/api/auth/me", UriKind.Relative), cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        Check(response.StatusCode == HttpStatusCode.OK, $"The session from before the kills was refused {when} ({server.Label}): {(int)response.StatusCode} {body}");
        Check(JsonDocument.Parse(body).RootElement.GetProperty("user").GetString() == "admin", $"The session {when} is not admin's: {body}");
    }

    private async Task UploadAsync(HttpClient client, IReadOnlyList<GeneratedDocument> documents, Dictionary<string, GeneratedDocument> acknowledged, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        foreach (var document in documents)
        {
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(document.Text)), "file", document.FileName);
        }

        using var response = await client.PostAsync(new Uri($"/api/kbs/{KnowledgeBase}/documents", UriKind.Relative), form, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        Check(response.StatusCode == HttpStatusCode.Accepted, $"Upload answered {(int)response.StatusCode}: {body}");
        var queued = JsonDocument.Parse(body).RootElement.GetProperty("documents").EnumerateArray().ToArray();
        Check(queued.Length == documents.Count, $"{documents.Count} files sent, {queued.Length} acknowledged: {body}");
        foreach (var entry in queued)
        {
            string fileName = entry.GetProperty("fileName").GetString()!;
            var document = documents.Single(d => d.FileName == fileName);
            Check(acknowledged.TryAdd(entry.GetProperty("id").GetString()!, document), $"Two uploads were acknowledged with one id: {body}");
        }
    }

    private async Task<Dictionary<string, string>> ListAsync(HttpClient client, ServerProcess server, CancellationToken cancellationToken) =>
        Statuses((await GetJsonAsync(client, server, $"/api/kbs/{KnowledgeBase}/documents", cancellationToken)).EnumerateArray());

    /// <summary>
    /// Polls the document list until <paramref name="condition"/> holds, or until nothing is left to ingest (then the
    /// kill comes after the queue drained, which the test output says; the outcome is checked the same way).
    /// </summary>
    private async Task<Dictionary<string, string>> WaitForAsync(HttpClient client, ServerProcess server, Func<IReadOnlyDictionary<string, string>, bool> condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (true)
        {
            var statuses = await ListAsync(client, server, cancellationToken);
            if (condition(statuses))
            {
                return statuses;
            }

            if (!statuses.Values.Any(s => Unfinished.Contains(s)))
            {
                _output.WriteLine($"{server.Label}: the queue drained before the kill point was seen ({Tally(statuses)})");
                return statuses;
            }

            Check(DateTime.UtcNow < deadline, $"Ingestion made no progress within {DrainTimeout.TotalMinutes} minutes: {Tally(statuses)}");
            await Task.Delay(20, cancellationToken);
        }
    }

    private async Task<JsonElement[]> WaitUntilDrainedAsync(HttpClient client, ServerProcess server, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (true)
        {
            var documents = (await GetJsonAsync(client, server, $"/api/kbs/{KnowledgeBase}/documents", cancellationToken)).EnumerateArray().ToArray();
            if (!documents.Any(d => Unfinished.Contains(d.GetProperty("status").GetString())))
            {
                return documents;
            }

            Check(DateTime.UtcNow < deadline, $"The queue did not drain within {DrainTimeout.TotalMinutes} minutes: {Describe(documents)}");
            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<JsonElement> GetJsonAsync(HttpClient client, ServerProcess server, string path, CancellationToken cancellationToken)
    {
        Check(!server.HasExited, $"{server.Label} exited on its own before GET {path}");
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        Check(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private void Note(ServerProcess server, string what, int acknowledgedCount, IReadOnlyDictionary<string, string>? statuses) =>
        _output.WriteLine($"{server.Label} (pid {server.Id}): {what}; {acknowledgedCount} acknowledged{(statuses is null ? string.Empty : "; list: " + Tally(statuses))}");

    /// <summary>Assert.True with the output of every server process started so far appended to the message.</summary>
    private void Check(bool condition, string message)
    {
        if (!condition)
        {
            Assert.Fail(message + "\n\n" + string.Join("\n", _servers.Select(s => $"--- {s.Label} (pid {s.Id}) output ---\n{Tail(s.Output)}")));
        }
    }

    private static string Tail(string output) => output.Length <= 4000 ? output : "…" + output[^4000..];

    /// <summary>One generated upload: its file name, its text, the token only it contains, its title and body paragraphs.</summary>
    private sealed record GeneratedDocument(string FileName, string Text, string Token, string Title, IReadOnlyList<string> Paragraphs);
}
