using System.Text.Json;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Cli.Tests;

/// <summary>The command line reads the model settings from the environment (CONTRACTS.md: Wenjin__Chat__BaseUrl …).</summary>
public sealed class ModelConfigurationTests
{
    [Fact]
    public async Task Ask_uses_the_configured_model_and_reports_the_verification()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string docs = temp.Combine("docs");
        Directory.CreateDirectory(docs);
        File.WriteAllText(Path.Combine(docs, "差旅办法.txt"), "员工差旅管理办法\n\n第二条 一线城市住宿费标准为每人每晚不超过600元，其他城市不超过400元。\n");
        Assert.Equal(0, (await WenjinProcess.RunAsync(data, "ingest", "--kb", "kb", docs)).ExitCode);

        await using var model = await ScriptedModelServer.StartAsync(TestContext.Current.CancellationToken);
        model.Chat.Default = _ => ChatScript.Reply("一线城市住宿费标准为每人每晚不超过600元。[1]其他城市不超过450元。[1]");
        var environment = new Dictionary<string, string>
        {
            ["Wenjin__Chat__BaseUrl"] = model.BaseUrl.ToString(),
            ["Wenjin__Chat__Model"] = "scripted-qwen",
        };

        var result = await WenjinProcess.RunAsync(data, environment, "ask", "--kb", "kb", "--json", "一线城市住宿费标准是多少？");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var answer = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("一线城市住宿费标准为每人每晚不超过600元。[1]", answer.GetProperty("answer").GetString());
        Assert.Equal(1, answer.GetProperty("verification").GetProperty("dropped").GetArrayLength());
        Assert.Equal("scripted-qwen", Assert.Single(model.ChatRequests).Model);

        // Without the variables nothing changes: the extracted answer, no verification object.
        var plain = JsonDocument.Parse((await WenjinProcess.RunAsync(data, "ask", "--kb", "kb", "--json", "一线城市住宿费标准是多少？")).Stdout).RootElement;
        Assert.False(plain.TryGetProperty("verification", out _));
        Assert.Single(model.ChatRequests);
    }
}
