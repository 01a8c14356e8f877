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

    [Fact]
    public async Task Extract_uses_the_configured_model_and_keeps_only_what_the_document_backs()
    {
        using var temp = new TempDirectory();
        string data = temp.Combine("data");
        string docs = temp.Combine("docs");
        Directory.CreateDirectory(docs);
        File.WriteAllText(Path.Combine(docs, "公告.txt"), "智慧病案系统采购项目中标结果公告\n\n项目名称：智慧病案系统采购项目\n采购人：临江市人民医院\n中标金额：98.60万元\n发布日期：2024年5月20日\n");
        Assert.Equal(0, (await WenjinProcess.RunAsync(data, "ingest", "--kb", "kb", docs)).ExitCode);

        await using var model = await ScriptedModelServer.StartAsync(TestContext.Current.CancellationToken);
        model.Chat.Default = _ => ChatScript.Reply("""{"项目名称":"智慧病案系统采购项目","采购人":"临江市人民医院","中标单位":"捏造科技有限公司","中标金额":986000,"公告日期":"2024-05-20"}""");
        var environment = new Dictionary<string, string>
        {
            ["Wenjin__Chat__BaseUrl"] = model.BaseUrl.ToString(),
            ["Wenjin__Chat__Model"] = "scripted-qwen",
        };

        var result = await WenjinProcess.RunAsync(data, environment, "extract", "--kb", "kb", "--schema", "bid-award", "--all", "--json", "--model");

        Assert.True(result.ExitCode == 0, result.ToString());
        var record = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(986000m, record.GetProperty("fields").GetProperty("中标金额").GetProperty("value").GetDecimal());
        Assert.False(record.GetProperty("fields").TryGetProperty("中标单位", out _));
        var dropped = Assert.Single(record.GetProperty("dropped").EnumerateArray());
        Assert.Equal("捏造科技有限公司", dropped.GetProperty("value").GetString());
        Assert.Equal("not-in-document", dropped.GetProperty("reason").GetString());
        Assert.Equal(["中标单位"], record.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Single(model.ChatRequests);

        var withoutModel = await WenjinProcess.RunAsync(data, "extract", "--kb", "kb", "--schema", "bid-award", "--all", "--model");
        Assert.Equal(1, withoutModel.ExitCode);
        Assert.Contains("Wenjin:Chat:BaseUrl", withoutModel.Stderr, StringComparison.Ordinal);
    }
}
