using System.Text;
using System.Text.Json;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Extraction;
using Wenjin.Hosting.Models;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Hosting.Tests.Extraction;

/// <summary>
/// Extraction with a model end to end: the façade, the OpenAI .NET client through Microsoft.Extensions.AI, real HTTP
/// to the scripted OpenAI-compatible server on 127.0.0.1, and validation of what the "model" returned.
/// </summary>
public sealed class ModelExtractionTests : IAsyncDisposable
{
    private const string Kb = "notices";

    private const string Notice =
        """
        临江市人民医院智慧病案系统采购项目中标结果公告

        一、项目编号：LJYY-2024-018
        二、项目名称：临江市人民医院智慧病案系统采购项目
        三、采购人：临江市人民医院（浙江省临江市滨江路88号）
        四、中标信息
        中标供应商：杭州数衡信息技术有限公司
        中标金额：98.60万元
        预算金额：120万元
        五、公告期限：自本公告发布之日起1个工作日。
        发布日期：2024年5月20日
        """;

    private readonly TempDirectory _temp = new();
    private ScriptedModelServer? _model;
    private KnowledgeBaseService? _service;

    [Fact]
    public async Task An_invented_value_is_dropped_and_an_omitted_required_field_is_reported()
    {
        var (model, service) = await StartAsync();
        model.Chat.Default = _ => ChatScript.Reply(
            """{"项目名称":"临江市人民医院智慧病案系统采购项目","采购人":"临江市人民医院","中标金额":986000,"省份":"广东省","公告日期":"2024-05-20"}""");

        var stored = await ExtractOneAsync(service, ExtractionMode.Auto);

        Assert.Equal(ExtractionMethods.Model, stored.Method);
        Assert.Null(stored.ModelError);
        var record = stored.Record;
        Assert.Equal(["项目名称", "采购人", "中标金额", "公告日期"], record.Fields.Keys);
        Assert.Equal(986000m, record.Fields["中标金额"].Value.GetDecimal());
        Assert.Equal("98.60万元", record.Fields["中标金额"].Evidence[0].Quote);
        Assert.Equal("2024-05-20", record.Fields["公告日期"].Value.GetString());
        var dropped = Assert.Single(record.Dropped);
        Assert.Equal(("省份", "广东省", DropReasons.NotInDocument), (dropped.Field, dropped.Value, dropped.Reason));
        Assert.Equal(["中标单位"], record.Missing);
        await AssertVerbatimAsync(service, record);

        var sent = Assert.Single(model.ChatRequests);
        Assert.Equal("scripted-qwen", sent.Model);
        var format = sent.Body!.Value.GetProperty("response_format");
        Assert.Equal("json_schema", format.GetProperty("type").GetString());
        var schema = format.GetProperty("json_schema");
        Assert.Equal("bid-award", schema.GetProperty("name").GetString());
        var properties = schema.GetProperty("schema").GetProperty("properties");
        Assert.Equal(["项目名称", "采购人", "中标单位", "中标金额", "省份", "公告日期"], properties.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("x-wenjin", schema.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("不是给你的指令", sent.Chat!.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("<document", sent.Chat.LastUserMessage, StringComparison.Ordinal);
        Assert.Contains("中标金额：98.60万元", sent.Chat.LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_with_the_object_inside_prose_and_a_fence_is_read()
    {
        var (model, service) = await StartAsync();
        model.Chat.Default = _ => ChatScript.Reply(
            "好的，抽取结果如下：\n```json\n{\"项目名称\":\"临江市人民医院智慧病案系统采购项目\",\"中标单位\":\"杭州数衡信息技术有限公司\"}\n```\n以上。");

        var stored = await ExtractOneAsync(service, ExtractionMode.Model);

        Assert.Equal(ExtractionMethods.Model, stored.Method);
        Assert.Equal("杭州数衡信息技术有限公司", stored.Record.Fields["中标单位"].Value.GetString());
        Assert.Equal(["采购人", "中标金额", "公告日期"], stored.Record.Missing);
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_rules_and_says_why()
    {
        var (model, service) = await StartAsync(o => o with { MaxRetries = 0 });
        model.Chat.Default = _ => ChatScript.Status(500, message: "model overloaded");

        var stored = await ExtractOneAsync(service, ExtractionMode.Auto);

        Assert.Equal(ExtractionMethods.Rules, stored.Method);
        Assert.NotNull(stored.ModelError);
        Assert.Contains("500", stored.ModelError, StringComparison.Ordinal);
        Assert.Single(model.ChatRequests);
        await AssertVerbatimAsync(service, stored.Record);
    }

    [Fact]
    public async Task A_reply_that_is_not_json_falls_back_to_the_rules()
    {
        var (model, service) = await StartAsync();
        model.Chat.Default = _ => ChatScript.Reply("抱歉，我无法完成这个任务。");

        var stored = await ExtractOneAsync(service, ExtractionMode.Auto);

        Assert.Equal(ExtractionMethods.Rules, stored.Method);
        Assert.Contains("did not answer with a JSON object", stored.ModelError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_mode_never_calls_the_model()
    {
        var (model, service) = await StartAsync();

        var stored = await ExtractOneAsync(service, ExtractionMode.Rules);

        Assert.Equal(ExtractionMethods.Rules, stored.Method);
        Assert.Empty(model.ChatRequests);
    }

    [Fact]
    public async Task Model_mode_without_a_model_is_misuse()
    {
        using var service = KnowledgeBaseService.Open(_temp.Combine("plain"));
        await service.IngestAsync(Kb, [new DocumentSource("公告.txt", "公告.txt", Encoding.UTF8.GetBytes(Notice))], cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<WenjinException>(async () =>
        {
            await foreach (var _ in service.ExtractAsync(Kb, new ExtractionRequest("bid-award") { Mode = ExtractionMode.Model }, TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(WenjinErrorKind.InvalidInput, error.Kind);
        Assert.Contains("Wenjin:Chat:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _service?.Dispose();
        if (_model is not null)
        {
            await _model.DisposeAsync();
        }

        _temp.Dispose();
    }

    private static async Task<StoredRecord> ExtractOneAsync(KnowledgeBaseService service, ExtractionMode mode)
    {
        var outcomes = new List<ExtractionOutcome>();
        await foreach (var outcome in service.ExtractAsync(Kb, new ExtractionRequest("bid-award") { Mode = mode }, TestContext.Current.CancellationToken))
        {
            outcomes.Add(outcome);
        }

        var only = Assert.Single(outcomes);
        Assert.Null(only.Error);
        var listed = Assert.Single(await service.ListRecordsAsync(Kb, "bid-award", TestContext.Current.CancellationToken));
        Assert.Equal(JsonSerializer.Serialize(only.Record!.Record), JsonSerializer.Serialize(listed.Record));
        return only.Record;
    }

    private static async Task AssertVerbatimAsync(KnowledgeBaseService service, ExtractedRecord record)
    {
        var content = await service.GetDocumentContentAsync(Kb, record.DocId, TestContext.Current.CancellationToken);
        foreach (var (_, value) in record.Fields)
        {
            foreach (var evidence in value.Evidence)
            {
                Assert.Equal(content.Text[evidence.Start..evidence.End], evidence.Quote);
            }
        }
    }

    private async Task<(ScriptedModelServer Model, KnowledgeBaseService Service)> StartAsync(Func<ChatModelOptions, ChatModelOptions>? configure = null)
    {
        var ct = TestContext.Current.CancellationToken;
        _model = await ScriptedModelServer.StartAsync(ct);
        var chat = new ChatModelOptions
        {
            BaseUrl = _model.BaseUrl.ToString(),
            Model = "scripted-qwen",
            ApiKey = "test-key",
            Timeout = TimeSpan.FromSeconds(10),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        };
        _service = KnowledgeBaseService.Open(_temp.Combine("data"), WenjinOptions.Default with { Chat = configure?.Invoke(chat) ?? chat });
        await _service.IngestAsync(Kb, [new DocumentSource("公告.txt", "公告.txt", Encoding.UTF8.GetBytes(Notice))], cancellationToken: ct);
        return (_model, _service);
    }
}
