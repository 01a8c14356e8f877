using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Wenjin.Briefs;
using Wenjin.Extraction;
using Wenjin.Hosting.Answering.Generation;
using Wenjin.Hosting.Models;
using Wenjin.Hosting.Search;
using Wenjin.Storage;

namespace Wenjin.Hosting.Briefs;

/// <summary>
/// A brief written by the chat model from the passages retrieved for the topic, then verified exactly like an answer
/// (<see cref="AnswerVerifier"/>): a sentence stays only when a passage it cites supports it, and its citation becomes
/// the verbatim quote. The kept sentences form one section headed by the topic. The model failing, or nothing of its
/// text being supported, gives null, and the caller falls back to the model-free brief.
/// </summary>
internal sealed partial class ModelBriefWriter
{
    private readonly IKnowledgeStore _store;
    private readonly IChatClient _chat;
    private readonly ChatModelOptions _options;
    private readonly AnswerVerifier _verifier;

    public ModelBriefWriter(IKnowledgeStore store, IChatClient chat, ChatModelOptions options, AnswerVerifier verifier)
    {
        _store = store;
        _chat = chat;
        _options = options;
        _verifier = verifier;
    }

    /// <summary>How many retrieved chunks the model reads.</summary>
    public int Passages => Math.Max(8, _options.Passages);

    /// <summary>The verified brief, or the reason there is none (the model failed, or wrote nothing supported).</summary>
    public async Task<(Brief? Brief, string? Error)> WriteAsync(string kb, string topic, Retrieval retrieval, int maxSentences, Stopwatch clock, CancellationToken cancellationToken)
    {
        const string NothingFound = "资料中没有与这个主题相关的内容。";
        var passages = retrieval.Chunks.Take(Passages).Select((chunk, i) => new VerificationPassage(i + 1, chunk.Candidate)).ToArray();
        var messages = BriefPrompt.Build(topic, passages, NothingFound, Math.Max(3, maxSentences));
        var chatOptions = new ChatOptions { Temperature = _options.Temperature, MaxOutputTokens = Math.Max(_options.MaxOutputTokens, 1_200) };
        string draft;
        try
        {
            draft = (await _chat.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false)).Text;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, ModelFailure.Describe(e));
        }

        var verified = _verifier.Verify(draft, passages, NothingFound);
        if (verified.Refused)
        {
            return (null, verified.Verification.Sentences == 0
                ? "the model found nothing on the topic in the passages"
                : $"no sentence of the model's brief is supported by the passage it cites ({verified.Verification.Dropped.Count} dropped)");
        }

        var citations = CitationAnchor.Anchor(_store, kb, verified.Citations);
        var known = citations.Select(c => c.Index).ToHashSet();
        var sentences = new List<BriefSentence>();
        foreach (Match match in CitedSentence().Matches(verified.Answer))
        {
            var indexes = Marker().Matches(match.Groups[2].Value).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Where(known.Contains).Distinct().ToList();
            string text = match.Groups[1].Value.Trim();
            if (indexes.Count > 0 && text.Length > 0)
            {
                sentences.Add(new BriefSentence(text, indexes));
            }
        }

        if (sentences.Count == 0)
        {
            return (null, "no sentence of the model's brief kept a citation");
        }

        var brief = new Brief(topic, [new BriefSection(topic, sentences)], citations, ExtractionMethods.Model, clock.Elapsed.TotalMilliseconds)
        {
            Verification = verified.Verification,
        };
        return (brief, null);
    }

    // A sentence followed by its markers: "……达到92%。[1][2]" (the verifier writes markers after each kept sentence).
    [GeneratedRegex(@"([^\[\]]+?)((?:\s*\[\d+\])+)")]
    private static partial Regex CitedSentence();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
