using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Wenjin.Storage;
using Wenjin.Storage.Sqlite;

namespace Wenjin.Cli.Tests;

/// <summary>
/// Kills a real ingest process (SIGKILL) at several points and checks the store afterwards: every stored document is
/// whole (its chunk count matches the chunks the store holds), everything the process reported done is there, and a
/// second ingest completes the batch without duplicates.
/// </summary>
public sealed partial class KillDuringIngestTests : IDisposable
{
    private const int Records = 6000;
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task KilledIngestLeavesNoHalfDocumentAndLosesNothingAcknowledged()
    {
        string corpus = _dir.Combine("news.jsonl");
        WriteCorpus(corpus);
        string data = _dir.Combine("data");

        int kills = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            int acknowledged = await IngestAndKillAfterProgressAsync(data, corpus, progressLinesBeforeKill: attempt + 1);
            if (acknowledged < 0)
            {
                break;
            }

            kills++;
            AssertConsistent(data, minimumIndexed: acknowledged);
        }

        Assert.True(kills > 0, "the ingest finished before it could be killed: make the corpus larger");

        var finish = await WenjinProcess.RunAsync(data, "ingest", "--kb", "news", corpus);
        Assert.True(finish.ExitCode == 0, finish.ToString());
        AssertConsistent(data, minimumIndexed: Records);
        using var store = SqliteKnowledgeStore.Open(Path.Combine(data, "wenjin.db"));
        Assert.Equal(Records, store.ListDocuments("news").Count);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Starts an ingest, waits for the given number of progress lines, kills it; returns the last acknowledged count (-1 if it finished first).</summary>
    private static async Task<int> IngestAndKillAfterProgressAsync(string data, string corpus, int progressLinesBeforeKill)
    {
        using var process = Process.Start(WenjinProcess.StartInfo(data, "ingest", "--kb", "news", corpus))!;
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        int acknowledged = 0, seen = 0;
        while (await process.StandardError.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            var match = ProgressLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            acknowledged = int.Parse(match.Groups[1].Value);
            if (++seen >= progressLinesBeforeKill)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
                return acknowledged;
            }
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return -1;
    }

    private static void AssertConsistent(string data, int minimumIndexed)
    {
        using var store = SqliteKnowledgeStore.Open(Path.Combine(data, "wenjin.db"));
        var kb = store.FindKnowledgeBase("news");
        Assert.NotNull(kb);
        var docs = store.ListDocuments("news");
        Assert.All(docs, d => Assert.Equal(DocumentStatus.Indexed, d.Status));
        Assert.True(docs.Count >= minimumIndexed, $"{docs.Count} documents stored, but {minimumIndexed} were reported done");
        Assert.Equal(docs.Sum(d => d.Chunks), kb!.ChunkCount);
        Assert.Equal(docs.Count, docs.Select(d => d.SourceId).Distinct().Count());
        foreach (var doc in docs.Where((_, i) => i % 250 == 0))
        {
            string text = store.GetDocumentText("news", doc.Id)!;
            Assert.Equal(doc.Characters, text.Length);
        }
    }

    private static void WriteCorpus(string path)
    {
        string[] cities = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆"];
        string[] topics = ["新能源汽车", "人工智能", "数字经济", "乡村振兴", "医疗改革", "城市更新", "跨境电商", "低空经济"];
        var random = new Random(7);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (int i = 0; i < Records; i++)
        {
            string city = cities[random.Next(cities.Length)];
            string topic = topics[random.Next(topics.Length)];
            var text = new StringBuilder();
            for (int p = 0; p < 6; p++)
            {
                text.Append($"{city}市发布{topic}发展报告，第{i}号文件指出，{2020 + (p % 5)}年相关产业规模达到{random.Next(100, 9000)}亿元，同比增长{random.Next(1, 40)}.{random.Next(10)}%。");
                text.Append($"报告提出，到2030年{topic}领域将新增就业岗位{random.Next(1, 90)}万个，重点支持企业技术创新和人才培养。\n");
            }

            writer.WriteLine(JsonSerializer.Serialize(new { id = $"news-{i:D5}", title = $"{city}{topic}报告{i}", text = text.ToString() }));
        }
    }

    [GeneratedRegex(@"^ingest: (\d+)/\d+ documents")]
    private static partial Regex ProgressLine();
}
