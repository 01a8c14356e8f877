using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Wenjin.Answers;
using Wenjin.Hosting.Models;
using Wenjin.Hosting.Search;
using Wenjin.Storage;

namespace Wenjin.Hosting.Answering.Generation;

/// <summary>
/// Answers with a chat model: the best passages go into the prompt numbered, the model's draft is streamed as it comes,
/// then <see cref="AnswerVerifier"/> keeps only the sentences a cited passage supports and turns their citations into
/// verbatim spans. The final result replaces the draft. Nothing supported → a refusal with the closest passages. The
/// model failing (after the client's retries) → the extractive answer, with the failure in the result, so a question
/// is never left unanswered because a model server is down.
/// </summary>
internal sealed class GeneratedAnswerer
{
    private readonly IKnowledgeStore _store;
    private readonly IChatClient _chat;
    private readonly ChatModelOptions _options;
    private readonly AnswerExtractor _extractor;
    private readonly AnswerVerifier _verifier;

    public GeneratedAnswerer(IKnowledgeStore store, IChatClient chat, ChatModelOptions options, AnswerExtractor extractor, AnswerVerifier verifier)
    {
        _store = store;
        _chat = chat;
        _options = options;
        _extractor = extractor;
        _verifier = verifier;
    }

    /// <summary>How many retrieved chunks become numbered passages of the prompt.</summary>
    public int Passages => Math.Max(1, _options.Passages);

    /// <summary>
    /// Deltas of the model's draft, then one <see cref="AnswerCompleted"/> with the verified answer, written from the
    /// first <see cref="Passages"/> chunks of <paramref name="retrieval"/>.
    /// </summary>
    public async IAsyncEnumerable<AnswerUpdate> AnswerAsync(string kb, string question, Retrieval retrieval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retrieval);
        var clock = Stopwatch.StartNew();
        string refusal = AnswerExtractor.RefusalFor(question);
        if (retrieval.Chunks.Count > Passages)
        {
            retrieval = retrieval with { Chunks = retrieval.Chunks.Take(Passages).ToArray() };
        }

        if (retrieval.Chunks.Count == 0)
        {
            yield return new AnswerCompleted(_extractor.Refuse(kb, question, retrieval, "no passage matches the question") with { TookMs = clock.Elapsed.TotalMilliseconds });
            yield break;
        }

        var passages = retrieval.Chunks.Select((chunk, i) => new VerificationPassage(i + 1, chunk.Candidate)).ToArray();
        var messages = AnswerPrompt.Build(question, passages, refusal, AnswerExtractor.IsEnglish(question));
        var chatOptions = new ChatOptions { Temperature = _options.Temperature, MaxOutputTokens = _options.MaxOutputTokens };

        var draft = new StringBuilder();
        UsageDetails? usage = null;
        Exception? failure = null;
        var updates = _chat.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failure = e;
                    break;
                }

                foreach (var content in update.Contents)
                {
                    if (content is UsageContent used)
                    {
                        usage = used.Details;
                    }
                }

                if (!string.IsNullOrEmpty(update.Text))
                {
                    draft.Append(update.Text);
                    yield return new AnswerDelta(update.Text);
                }
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }

        if (failure is not null)
        {
            var fallback = _extractor.Answer(kb, question);
            string error = ModelFailure.Describe(failure);
            yield return new AnswerCompleted(fallback with
            {
                TookMs = clock.Elapsed.TotalMilliseconds,
                Reason = $"{error}; answered without it: {fallback.Reason}",
                ModelError = error,
            });
            yield break;
        }

        var verified = _verifier.Verify(draft.ToString(), passages, refusal);
        var tokens = usage is null ? null : new ModelUsage(usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        if (verified.Refused)
        {
            string reason = verified.Verification.Sentences == 0
                ? "the model found no answer in the passages"
                : $"no sentence of the model's answer is supported by the passage it cites ({verified.Verification.Dropped.Count} dropped)";
            yield return new AnswerCompleted(_extractor.Refuse(kb, question, retrieval, reason) with
            {
                TookMs = clock.Elapsed.TotalMilliseconds,
                Verification = verified.Verification,
                Usage = tokens,
            });
            yield break;
        }

        var v = verified.Verification;
        yield return new AnswerCompleted(new AskResult(question, verified.Answer, false, clock.Elapsed.TotalMilliseconds, CitationAnchor.Anchor(_store, kb, verified.Citations))
        {
            Reason = $"generated by {_options.Model}; {v.Kept} of {v.Sentences} sentences verified against their cited passages",
            Confidence = v.Sentences == 0 ? 0 : Math.Round((double)v.Kept / v.Sentences, 3),
            Verification = v,
            Usage = tokens,
        });
    }

}
