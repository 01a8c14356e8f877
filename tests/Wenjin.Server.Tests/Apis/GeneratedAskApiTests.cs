using System.Net.Http.Json;
using System.Text.Json;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Server.Tests.Apis;

/// <summary>The server configured with a chat model (Wenjin:Chat:*): streamed drafts, verified answers over HTTP.</summary>
public sealed class GeneratedAskApiTests
{
    [Fact]
    public async Task With_a_model_the_event_stream_carries_the_draft_and_done_carries_the_verified_answer()
    {
        await using var model = await ScriptedModelServer.StartAsync();
        model.Chat.Default = _ => ChatScript.Stream("一线城市住宿费标准为每人每晚不超过600元。", "[1]", "二线城市为500元。", "[1]");
        await using var server = await TestServer.StartAsync(settings:
        [
            "--Wenjin:Chat:BaseUrl", model.BaseUrl.ToString(), "--Wenjin:Chat:Model", "scripted-qwen", "--Wenjin:Chat:ApiKey", "k",
            "--Wenjin:Chat:Passages", "1",
        ]);
        await server.UploadAsync("reports", (TestData.PolicyName, TestData.Policy));
        await server.WaitForDocumentsAsync("reports", 1);

        var events = await AskApiTests.StreamAsync(server, "reports", "一线城市住宿费标准是多少？");

        string draft = string.Concat(events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        Assert.Contains("500元", draft, StringComparison.Ordinal);
        var done = events[^1].Data;
        Assert.Equal("done", events[^1].Event);
        Assert.Equal("一线城市住宿费标准为每人每晚不超过600元。[1]", done.GetProperty("answer").GetString());
        var verification = done.GetProperty("verification");
        Assert.Equal(2, verification.GetProperty("sentences").GetInt32());
        Assert.Equal(1, verification.GetProperty("kept").GetInt32());
        Assert.Equal("unsupported-number", verification.GetProperty("dropped")[0].GetProperty("reason").GetString());
        Assert.Equal("k", Assert.Single(model.ChatRequests).ApiKey);

        // The stored conversation keeps the verified answer, not the draft.
        string conversation = done.GetProperty("conversationId").GetString()!;
        var stored = await server.Client.GetFromJsonAsync<JsonElement>($"/api/kbs/reports/conversations/{conversation}");
        Assert.Equal(done.GetProperty("answer").GetString(), stored.GetProperty("turns")[0].GetProperty("answer").GetString());
    }
}
