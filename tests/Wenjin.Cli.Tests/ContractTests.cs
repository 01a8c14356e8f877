using System.Text.Json;
using Wenjin.Storage.Sqlite;

namespace Wenjin.Cli.Tests;

/// <summary>
/// Pins the CLI contract of ../shared/CONTRACTS.md on the real executable: commands, exit codes and the exact JSON
/// shapes (fields may be added, never renamed or removed).
/// </summary>
public sealed class ContractTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Corpus");
    private readonly TempDirectory _dir = new();

    private string Data => _dir.Combine("data");

    [Fact]
    public async Task KbCreateListDeleteAndErrors()
    {
        var created = await WenjinProcess.RunAsync(Data, "kb", "create", "policies", "--description", "公司制度");
        Assert.True(created.ExitCode == 0, created.ToString());

        var duplicate = await WenjinProcess.RunAsync(Data, "kb", "create", "policies");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Contains("policies", duplicate.Stderr);

        var list = await WenjinProcess.RunAsync(Data, "kb", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        using (var doc = JsonDocument.Parse(list.Stdout))
        {
            var kb = Assert.Single(doc.RootElement.EnumerateArray());
            Assert.Equal("policies", kb.GetProperty("name").GetString());
            Assert.Equal("公司制度", kb.GetProperty("description").GetString());
        }

        Assert.Equal(0, (await WenjinProcess.RunAsync(Data, "kb", "delete", "policies")).ExitCode);
        var again = await WenjinProcess.RunAsync(Data, "kb", "delete", "policies");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("does not exist", again.Stderr);

        var badName = await WenjinProcess.RunAsync(Data, "kb", "create", "a b/c");
        Assert.Equal(1, badName.ExitCode);
    }

    [Fact]
    public async Task MisuseExitsWithOneAndSaysWhatToDo()
    {
        var unknownKb = await WenjinProcess.RunAsync(Data, "search", "--kb", "nope", "千卡");
        Assert.Equal(1, unknownKb.ExitCode);
        Assert.Contains("nope", unknownKb.Stderr);

        var missingPath = await WenjinProcess.RunAsync(Data, "ingest", "--kb", "x", _dir.Combine("missing.txt"));
        Assert.Equal(1, missingPath.ExitCode);
        Assert.Contains("does not exist", missingPath.Stderr);

        var missingOption = await WenjinProcess.RunAsync(Data, "ask", "问题");
        Assert.Equal(1, missingOption.ExitCode);
    }

    [Fact]
    public async Task IngestDocsSearchAskHaveTheContractShapes()
    {
        var ingest = await WenjinProcess.RunAsync(Data, "ingest", "--kb", "demo", Corpus);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(string.Empty, ingest.Stdout);
        Assert.Contains("5 indexed", ingest.Stderr);

        var again = await WenjinProcess.RunAsync(Data, "ingest", "--kb", "demo", Corpus);
        Assert.Contains("5 unchanged", again.Stderr);

        var docs = await WenjinProcess.RunAsync(Data, "docs", "--kb", "demo", "--json");
        Assert.Equal(0, docs.ExitCode);
        using (var doc = JsonDocument.Parse(docs.Stdout))
        {
            var all = doc.RootElement.EnumerateArray().ToList();
            Assert.Equal(5, all.Count);
            Assert.All(all, d =>
            {
                Assert.Equal("indexed", d.GetProperty("status").GetString());
                Assert.False(string.IsNullOrEmpty(d.GetProperty("id").GetString()));
            });
            Assert.Contains(all, d => d.GetProperty("sourceId").GetString() == "智算中心建设报告.md");
        }

        var search = await WenjinProcess.RunAsync(Data, "search", "--kb", "demo", "--json", "--top", "3", "千卡并行的有效算力");
        Assert.True(search.ExitCode == 0, search.ToString());
        using (var doc = JsonDocument.Parse(search.Stdout))
        {
            var root = doc.RootElement;
            Assert.Equal("千卡并行的有效算力", root.GetProperty("query").GetString());
            Assert.Equal(JsonValueKind.Number, root.GetProperty("tookMs").ValueKind);
            var hits = root.GetProperty("hits").EnumerateArray().ToList();
            Assert.InRange(hits.Count, 1, 3);
            var hit = hits[0];
            foreach (string key in new[] { "rank", "score", "docId", "sourceId", "title", "chunkId", "text", "page", "start", "end" })
            {
                Assert.True(hit.TryGetProperty(key, out _), $"search hit lacks \"{key}\": {hit}");
            }

            Assert.False(hit.TryGetProperty("explanation", out _));
            Assert.Equal(1, hit.GetProperty("rank").GetInt32());
            Assert.Equal("智算中心建设报告.md", hit.GetProperty("sourceId").GetString());
            Assert.Contains("92%", hit.GetProperty("text").GetString());
            Assert.Equal(JsonValueKind.Null, hit.GetProperty("page").ValueKind);
        }

        var explained = await WenjinProcess.RunAsync(Data, "search", "--kb", "demo", "--json", "--explain", "千卡并行的有效算力");
        using (var doc = JsonDocument.Parse(explained.Stdout))
        {
            var explanation = doc.RootElement.GetProperty("hits")[0].GetProperty("explanation");
            Assert.Equal(JsonValueKind.Object, explanation.ValueKind);
            Assert.True(explanation.GetProperty("value").GetDouble() > 0);
            Assert.NotEqual(0, explanation.GetProperty("details").GetArrayLength());
        }

        var ask = await WenjinProcess.RunAsync(Data, "ask", "--kb", "demo", "--json", "千卡并行的有效算力达到多少？");
        Assert.True(ask.ExitCode == 0, ask.ToString());
        using (var doc = JsonDocument.Parse(ask.Stdout))
        {
            var root = doc.RootElement;
            foreach (string key in new[] { "question", "answer", "refused", "tookMs", "citations" })
            {
                Assert.True(root.TryGetProperty(key, out _), $"ask lacks \"{key}\": {root}");
            }

            Assert.False(root.GetProperty("refused").GetBoolean(), root.ToString());
            Assert.Contains("92%", root.GetProperty("answer").GetString());
            var citation = root.GetProperty("citations")[0];
            foreach (string key in new[] { "index", "docId", "sourceId", "title", "page", "quote", "start", "end" })
            {
                Assert.True(citation.TryGetProperty(key, out _), $"citation lacks \"{key}\": {citation}");
            }

            AssertVerbatim(citation);
        }

        var refused = await WenjinProcess.RunAsync(Data, "ask", "--kb", "demo", "--json", "公司食堂的营业时间是几点？");
        using (var doc = JsonDocument.Parse(refused.Stdout))
        {
            Assert.True(doc.RootElement.GetProperty("refused").GetBoolean(), doc.RootElement.ToString());
            Assert.Contains("知识库", doc.RootElement.GetProperty("answer").GetString());
            foreach (var citation in doc.RootElement.GetProperty("citations").EnumerateArray())
            {
                AssertVerbatim(citation);
            }
        }
    }

    [Fact]
    public async Task BatchModeAnswersEveryLineInOrderWithItsId()
    {
        Assert.Equal(0, (await WenjinProcess.RunAsync(Data, "ingest", "--kb", "demo", Corpus)).ExitCode);
        string batch = _dir.Combine("batch.jsonl");
        await File.WriteAllLinesAsync(batch,
        [
            """{"id": "q1", "question": "住宿费标准是多少？"}""",
            """{"id": "q2", "text": "数据中心的PUE是多少"}""",
            string.Empty,
            """{"id": "q3", "query": "单个文件的大小上限"}""",
        ], TestContext.Current.CancellationToken);

        foreach (string verb in new[] { "search", "ask" })
        {
            var run = await WenjinProcess.RunAsync(Data, verb, "--kb", "demo", "--json", "--batch", batch);
            Assert.True(run.ExitCode == 0, run.ToString());
            var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            for (int i = 0; i < 3; i++)
            {
                using var doc = JsonDocument.Parse(lines[i]);
                Assert.Equal($"q{i + 1}", doc.RootElement.GetProperty("id").GetString());
                Assert.True(doc.RootElement.TryGetProperty(verb == "search" ? "hits" : "citations", out _));
            }
        }
    }

    public void Dispose() => _dir.Dispose();

    private void AssertVerbatim(JsonElement citation)
    {
        using var store = SqliteKnowledgeStore.Open(Path.Combine(Data, "wenjin.db"));
        string text = store.GetDocumentText("demo", citation.GetProperty("docId").GetString()!)!;
        int start = citation.GetProperty("start").GetInt32();
        int end = citation.GetProperty("end").GetInt32();
        Assert.Equal(text[start..end], citation.GetProperty("quote").GetString());
    }
}
