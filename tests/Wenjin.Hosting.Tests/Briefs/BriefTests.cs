using System.Text;
using System.Text.RegularExpressions;
using Wenjin.Briefs;
using Wenjin.Documents;
using Wenjin.Errors;
using Wenjin.Extraction;
using Wenjin.Hosting.Models;
using Wenjin.Testing.ModelServer;

namespace Wenjin.Hosting.Tests.Briefs;

/// <summary>Traced briefs through the façade, without a model and with the scripted OpenAI-compatible server.</summary>
public sealed partial class BriefTests : IAsyncDisposable
{
    private const string Kb = "cases";

    private const string Bank =
        """
        # 东海银行智能客服助手应用案例

        ## 应用成效
        东海银行上线大模型智能客服助手后，客服响应时间缩短45%。
        问题回答准确率达到97.6%；坐席人均处理效率提升9.27%。
        每年节省人力成本约1200万元。

        ## 下一步计划
        该行计划将大模型智能客服推广到信用卡中心。
        """;

    private const string Securities =
        """
        # 华瑞证券智能投研平台

        华瑞证券引入金融大模型处理研报，研报摘要生成时间由30分钟缩短至3分钟。
        华瑞证券引入金融大模型处理研报，研报摘要生成时间由30分钟缩短至3分钟。
        平台由深圳数知科技有限公司建设。
        """;

    private const string Canteen =
        """
        # 食堂管理规定

        食堂每天7点开门，晚上8点关门。
        """;

    private readonly TempDirectory _temp = new();
    private ScriptedModelServer? _model;
    private KnowledgeBaseService? _service;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_model_every_sentence_is_a_cited_verbatim_quote_without_repeats()
    {
        var service = await OpenAsync(model: false);

        var brief = await service.BriefAsync(Kb, new BriefRequest("金融大模型应用的主要成效"), Ct);

        Assert.Equal(ExtractionMethods.Rules, brief.Method);
        Assert.Null(brief.Note);
        var sentences = brief.Sections.SelectMany(s => s.Sentences).ToList();
        Assert.Contains(sentences, s => s.Text.Contains("97.6%", StringComparison.Ordinal));
        Assert.Contains(sentences, s => s.Text.Contains("3分钟", StringComparison.Ordinal));
        Assert.Single(sentences, s => s.Text.Contains("30分钟", StringComparison.Ordinal));
        Assert.DoesNotContain(brief.Sections, s => s.Heading == "食堂管理规定");
        Assert.Equal(brief.Citations.Select(c => c.Index), Enumerable.Range(1, brief.Citations.Count));
        foreach (var sentence in sentences)
        {
            var citation = brief.Citations[Assert.Single(sentence.Citations) - 1];
            Assert.Equal(sentence.Text, citation.Quote);
            await AssertVerbatimAsync(service, citation);
        }
    }

    [Fact]
    public async Task Without_a_model_a_topic_the_documents_do_not_cover_gives_a_note_and_no_sections()
    {
        var service = await OpenAsync(model: false);

        var brief = await service.BriefAsync(Kb, new BriefRequest("量子计算机的芯片制程"), Ct);

        Assert.Empty(brief.Sections);
        Assert.Empty(brief.Citations);
        Assert.NotNull(brief.Note);
    }

    [Fact]
    public async Task With_a_model_unsupported_sentences_are_dropped_and_the_rest_cite_verbatim_quotes()
    {
        var service = await OpenAsync(model: true);
        _model!.Chat.Default = request =>
        {
            int n = PassageWith(request, "97.6%");
            return ChatScript.Reply($"东海银行的智能客服助手使问题回答准确率达到97.6%。[{n}]该行每年节省人力成本约5000万元。[{n}]");
        };

        var brief = await service.BriefAsync(Kb, new BriefRequest("金融大模型应用的主要成效"), Ct);

        Assert.Equal(ExtractionMethods.Model, brief.Method);
        var sentence = Assert.Single(Assert.Single(brief.Sections).Sentences);
        Assert.Contains("97.6%", sentence.Text, StringComparison.Ordinal);
        var dropped = Assert.Single(brief.Verification!.Dropped);
        Assert.Contains("5000", dropped.Sentence, StringComparison.Ordinal);
        foreach (int index in sentence.Citations)
        {
            await AssertVerbatimAsync(service, brief.Citations.Single(c => c.Index == index));
        }

        var sent = Assert.Single(_model.ChatRequests);
        Assert.Contains("主题：金融大模型应用的主要成效", sent.Chat!.LastUserMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_failing_model_the_brief_is_written_without_it_and_says_why()
    {
        var service = await OpenAsync(model: true, maxRetries: 0);
        _model!.Chat.Default = _ => ChatScript.Status(503);

        var brief = await service.BriefAsync(Kb, new BriefRequest("金融大模型应用的主要成效"), Ct);

        Assert.Equal(ExtractionMethods.Rules, brief.Method);
        Assert.NotNull(brief.ModelError);
        Assert.NotEmpty(brief.Sections);
    }

    [Fact]
    public async Task An_empty_topic_or_an_impossible_length_is_misuse()
    {
        var service = await OpenAsync(model: false);

        var empty = await Assert.ThrowsAsync<WenjinException>(() => service.BriefAsync(Kb, new BriefRequest(" "), Ct));
        var tooLong = await Assert.ThrowsAsync<WenjinException>(() => service.BriefAsync(Kb, new BriefRequest("成效") { MaxSentences = 0 }, Ct));

        Assert.Equal(WenjinErrorKind.InvalidInput, empty.Kind);
        Assert.Equal(WenjinErrorKind.InvalidInput, tooLong.Kind);
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

    private static async Task AssertVerbatimAsync(KnowledgeBaseService service, Wenjin.Answers.Citation citation)
    {
        string text = (await service.GetDocumentContentAsync(Kb, citation.DocId, Ct)).Text;
        Assert.Equal(text[citation.Start..citation.End], citation.Quote);
    }

    private async Task<KnowledgeBaseService> OpenAsync(bool model, int maxRetries = 3)
    {
        var options = WenjinOptions.Default;
        if (model)
        {
            _model = await ScriptedModelServer.StartAsync(Ct);
            options = options with
            {
                Chat = new ChatModelOptions
                {
                    BaseUrl = _model.BaseUrl.ToString(),
                    Model = "scripted-qwen",
                    Timeout = TimeSpan.FromSeconds(10),
                    RetryDelay = TimeSpan.FromMilliseconds(10),
                    MaxRetries = maxRetries,
                },
            };
        }

        _service = KnowledgeBaseService.Open(_temp.Combine("data"), options);
        await _service.IngestAsync(
            Kb,
            [
                new DocumentSource("bank.md", "bank.md", Encoding.UTF8.GetBytes(Bank)),
                new DocumentSource("securities.md", "securities.md", Encoding.UTF8.GetBytes(Securities)),
                new DocumentSource("canteen.md", "canteen.md", Encoding.UTF8.GetBytes(Canteen)),
            ],
            cancellationToken: Ct);
        return _service;
    }

    private static int PassageWith(ScriptedChatRequest request, string text)
    {
        foreach (Match match in PassagePattern().Matches(request.LastUserMessage))
        {
            if (match.Groups[2].Value.Contains(text, StringComparison.Ordinal))
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No passage of the prompt contains \"{text}\".");
    }

    [GeneratedRegex("<passage id=\"(\\d+)\"[^>]*>\\n([\\s\\S]*?)\\n</passage>")]
    private static partial Regex PassagePattern();
}
