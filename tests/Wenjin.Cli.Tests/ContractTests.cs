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

    [Fact]
    public async Task ExtractPrintsOneContractRecordPerDocument_AndExportsCsvAndXlsx()
    {
        Assert.Equal(0, (await WenjinProcess.RunAsync(Data, "ingest", "--kb", "demo", Corpus)).ExitCode);

        var extract = await WenjinProcess.RunAsync(Data, "extract", "--kb", "demo", "--schema", "news-brief", "--all", "--json");

        Assert.True(extract.ExitCode == 0, extract.ToString());
        var lines = extract.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var docs = await WenjinProcess.RunAsync(Data, "docs", "--kb", "demo", "--json");
        using (var list = JsonDocument.Parse(docs.Stdout))
        {
            Assert.Equal(list.RootElement.EnumerateArray().Count(d => d.GetProperty("status").GetString() == "indexed"), lines.Length);
        }

        foreach (string line in lines)
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            Assert.Equal("news-brief", root.GetProperty("schema").GetString());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("docId").GetString()));
            Assert.False(string.IsNullOrEmpty(root.GetProperty("sourceId").GetString()));
            Assert.Equal(JsonValueKind.Array, root.GetProperty("dropped").ValueKind);
            foreach (var field in root.GetProperty("fields").EnumerateObject())
            {
                Assert.True(field.Value.TryGetProperty("value", out _));
                foreach (var evidence in field.Value.GetProperty("evidence").EnumerateArray())
                {
                    Assert.True(evidence.TryGetProperty("page", out _));
                    AssertVerbatim(evidence.GetProperty("quote").GetString()!, root.GetProperty("docId").GetString()!, evidence);
                }
            }
        }

        string xlsx = _dir.Combine("out.xlsx");
        var csv = await WenjinProcess.RunAsync(Data, "extract", "--kb", "demo", "--schema", "news-brief", "--all", "--csv");
        var workbook = await WenjinProcess.RunAsync(Data, "extract", "--kb", "demo", "--schema", "news-brief", "--all", "--xlsx", xlsx);
        var neither = await WenjinProcess.RunAsync(Data, "extract", "--kb", "demo", "--schema", "news-brief");
        var unknown = await WenjinProcess.RunAsync(Data, "extract", "--kb", "demo", "--schema", "nope", "--all");

        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.StartsWith("docId,sourceId,title,标题,链接,总结,关键词,AI技术,行业,重大事件摘要,method,missing", csv.Stdout.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(lines.Length + 1, csv.Stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(workbook.ExitCode == 0, workbook.ToString());
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(xlsx, TestContext.Current.CancellationToken))[..2]);
        Assert.Equal(1, neither.ExitCode);
        Assert.Contains("--all", neither.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("news-brief", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BriefCitesEverySentenceWithAVerbatimQuote()
    {
        Assert.Equal(0, (await WenjinProcess.RunAsync(Data, "ingest", "--kb", "demo", Corpus)).ExitCode);

        var brief = await WenjinProcess.RunAsync(Data, "brief", "--kb", "demo", "--topic", "智算中心的算力与能耗", "--json");

        Assert.True(brief.ExitCode == 0, brief.ToString());
        using var doc = JsonDocument.Parse(brief.Stdout);
        var root = doc.RootElement;
        Assert.Equal("rules", root.GetProperty("method").GetString());
        var citations = root.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        foreach (var section in root.GetProperty("sections").EnumerateArray())
        {
            foreach (var sentence in section.GetProperty("sentences").EnumerateArray())
            {
                int index = sentence.GetProperty("citations")[0].GetInt32();
                Assert.Equal(sentence.GetProperty("text").GetString(), citations[index - 1].GetProperty("quote").GetString());
            }
        }

        citations.ForEach(AssertVerbatim);
    }

    public void Dispose() => _dir.Dispose();

    private void AssertVerbatim(string quote, string docId, JsonElement evidence)
    {
        using var store = SqliteKnowledgeStore.Open(Path.Combine(Data, "wenjin.db"));
        string text = store.GetDocumentText("demo", docId)!;
        Assert.Equal(text[evidence.GetProperty("start").GetInt32()..evidence.GetProperty("end").GetInt32()], quote);
    }

    private void AssertVerbatim(JsonElement citation)
    {
        using var store = SqliteKnowledgeStore.Open(Path.Combine(Data, "wenjin.db"));
        string text = store.GetDocumentText("demo", citation.GetProperty("docId").GetString()!)!;
        int start = citation.GetProperty("start").GetInt32();
        int end = citation.GetProperty("end").GetInt32();
        Assert.Equal(text[start..end], citation.GetProperty("quote").GetString());
    }
}
