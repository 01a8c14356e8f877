using Wenjin.Answers;
using Wenjin.Evaluation;
using Wenjin.Hosting.Answering;
using Wenjin.Hosting.Search;

namespace Wenjin.Hosting.Evaluation;

/// <summary>
/// Runs a QA set against a knowledge base through the same retrieval and answering as <c>ask</c> (the delegate it is
/// given: lexical or hybrid retrieval, extracted or generated answers, whatever the knowledge base uses). A question counts as
/// retrieved at rank r when the r-th chunk contains its quote (white space ignored); an answer is correct when it is
/// not a refusal and contains the gold answer; unanswerable questions (answer null) should be refused.
/// </summary>
public sealed class QaEvaluator
{
    private const int Depth = 10;

    private readonly Func<string, CancellationToken, Task<(AskResult Answer, Retrieval Retrieval)>> _ask;

    /// <param name="ask">Answers a question and hands back the retrieval the answer was based on.</param>
    public QaEvaluator(Func<string, CancellationToken, Task<(AskResult Answer, Retrieval Retrieval)>> ask)
    {
        _ask = ask;
    }

    public async Task<EvalReport> EvaluateAsync(IReadOnlyList<QaItem> items, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var results = new List<EvalItemResult>(items.Count);
        int answerable = 0, unanswerable = 0, hit1 = 0, hit5 = 0, hit10 = 0, correct = 0, correctRetrieved = 0, retrieved = 0;
        int refusedUnanswerable = 0, refusedAnswerable = 0, citedRight = 0;
        double reciprocal = 0, askMs = 0;
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (ask, retrieval) = await _ask(item.Question, cancellationToken).ConfigureAwait(false);
            askMs += ask.TookMs;
            bool isAnswerable = item.Answer is not null;
            int? rank = null;
            bool isCorrect = false;
            if (isAnswerable)
            {
                answerable++;
                rank = RetrievedRank(item, retrieval);
                if (rank is { } r)
                {
                    retrieved++;
                    hit1 += r == 1 ? 1 : 0;
                    hit5 += r <= 5 ? 1 : 0;
                    hit10 += 1;
                    reciprocal += 1.0 / r;
                }

                string gold = EvalTextNormalizer.Normalize(item.Answer);
                isCorrect = !ask.Refused && EvalTextNormalizer.Normalize(CitationMarkers.Strip(ask.Answer)).Contains(gold, StringComparison.Ordinal);
                correct += isCorrect ? 1 : 0;
                correctRetrieved += isCorrect && rank is not null ? 1 : 0;
                refusedAnswerable += ask.Refused ? 1 : 0;
                if (!ask.Refused && item.Quote is not null && ask.Citations.Any(c => Overlaps(c.Quote, item.Quote)))
                {
                    citedRight++;
                }
            }
            else
            {
                unanswerable++;
                refusedUnanswerable += ask.Refused ? 1 : 0;
            }

            results.Add(new EvalItemResult(item.Id, isAnswerable, rank, ask.Refused, isAnswerable ? isCorrect : ask.Refused, ask.Answer));
            progress?.Report(results.Count);
        }

        return new EvalReport
        {
            Questions = items.Count,
            Answerable = answerable,
            Unanswerable = unanswerable,
            HitAt1 = Ratio(hit1, answerable),
            HitAt5 = Ratio(hit5, answerable),
            HitAt10 = Ratio(hit10, answerable),
            Mrr = answerable == 0 ? 0 : Math.Round(reciprocal / answerable, 4),
            AnswerAccuracy = Ratio(correct, answerable),
            AnswerAccuracyWhenRetrieved = Ratio(correctRetrieved, retrieved),
            RefusalRate = Ratio(refusedUnanswerable, unanswerable),
            FalseRefusalRate = Ratio(refusedAnswerable, answerable),
            CitationAccuracy = Ratio(citedRight, answerable - refusedAnswerable),
            MeanAskMs = items.Count == 0 ? 0 : Math.Round(askMs / items.Count, 2),
            Items = results,
        };
    }

    private static int? RetrievedRank(QaItem item, Retrieval retrieval)
    {
        string quote = EvalTextNormalizer.Normalize(item.Quote ?? item.Answer);
        if (quote.Length == 0)
        {
            return null;
        }

        for (int i = 0; i < Math.Min(Depth, retrieval.Chunks.Count); i++)
        {
            if (EvalTextNormalizer.Normalize(retrieval.Chunks[i].Candidate.Text).Contains(quote, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>A citation supports the gold quote when one contains the other (white space ignored).</summary>
    private static bool Overlaps(string cited, string gold)
    {
        string a = EvalTextNormalizer.Normalize(cited), b = EvalTextNormalizer.Normalize(gold);
        return a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
