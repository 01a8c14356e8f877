using System.Text.Json;

namespace Wenjin.Cli.Tests;

/// <summary>The parsing limits are read from the environment (Wenjin__Parsing__*), as every other setting.</summary>
public sealed class LimitsConfigurationTests
{
    [Fact]
    public async Task A_document_over_the_configured_character_limit_fails_with_the_limit_in_its_reason()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string docs = temp.Combine("docs");
        Directory.CreateDirectory(docs);
        File.WriteAllText(Path.Combine(docs, "长文.txt"), "第一章 总则\n\n" + string.Concat(Enumerable.Repeat("本办法适用于公司全体员工的差旅活动。", 20)));
        File.WriteAllText(Path.Combine(docs, "短文.txt"), "食堂每天七点开门。");
        var environment = new Dictionary<string, string> { ["Wenjin__Parsing__MaxCharacters"] = "100" };

        var ingest = await WenjinProcess.RunAsync(data, environment, "ingest", "--kb", "kb", docs);
        var docsList = await WenjinProcess.RunAsync(data, "docs", "--kb", "kb", "--json");

        Assert.Equal(0, docsList.ExitCode);
        var byName = JsonDocument.Parse(docsList.Stdout).RootElement.EnumerateArray().ToDictionary(d => d.GetProperty("sourceId").GetString()!.Split('/', '\\').Last());
        Assert.Equal("failed", byName["长文.txt"].GetProperty("status").GetString());
        Assert.Contains("100", byName["长文.txt"].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("indexed", byName["短文.txt"].GetProperty("status").GetString());
        Assert.NotEqual(2, ingest.ExitCode);
    }
}
