using System.Globalization;
using Wenjin.Bench.Reporting;
using Wenjin.Hosting.Answering;
using Wenjin.Hosting.Evaluation;

namespace Wenjin.Bench.Qa;

/// <summary>
/// <c>calibrate --dataset DIR [--foreign DIR2] [--limit-queries N] [--max-false-refusal 0.05]</c>: gathers answer
/// evidence once per question, then replays <see cref="RefusalPolicy"/> over a grid of thresholds and prints the
/// trade-off between refusing unanswerable questions and refusing answerable ones, with the current defaults first.
/// </summary>
internal static class CalibrateCommand
{
    private static readonly double[] ChunkCoverages = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    private static readonly double[] SentenceCoverages = [0, 0.1, 0.2, 0.3, 0.4];
    private static readonly double[] PairShareOverrides = [0.4, 0.5, 0.6, 0.7, 0.8, 2];

    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        string dataset = options.Required("dataset");
        int limit = options.PositiveInt("limit-queries") ?? 2000;
        double maxFalseRefusal = options.PositiveNumber("max-false-refusal") ?? 0.05;
        var items = QaSetBuilder.Build(dataset, limit);
        if (options.Value("foreign") is { } foreign)
        {
            items.AddRange(QaSetBuilder.Build(foreign, limit / 4, seed: 2).Select(q => q with { Id = "foreign-" + q.Id, Answer = null, Quote = null }));
        }

        using var kb = await QaKnowledgeBase.CreateAsync(dataset).ConfigureAwait(false);
        var cases = items.Select(item =>
        {
            var evidence = kb.Service.GatherEvidence(QaKnowledgeBase.Name, item.Question);
            string chosen = EvalTextNormalizer.Normalize(string.Concat(evidence.Sentences.Select(s => s.Text)));
            bool correct = item.Answer is not null && chosen.Contains(EvalTextNormalizer.Normalize(item.Answer), StringComparison.Ordinal);
            return new CalibrationCase(evidence, item.Answer is not null, correct, item.Id.StartsWith("foreign-", StringComparison.Ordinal));
        }).ToList();

        var defaults = AnswerOptions.Default;
        var rows = new List<(AnswerOptions Options, double Refused, double ForeignRefused, double FalseRefused, double Accuracy)>();
        foreach (double chunk in ChunkCoverages)
        {
            foreach (double sentence in SentenceCoverages)
            {
                foreach (bool type in new[] { true, false })
                {
                    foreach (double pairs in PairShareOverrides)
                    {
                        rows.Add(Measure(defaults with { MinChunkCoverage = chunk, MinSentenceCoverage = sentence, RequireAnswerType = type, PairShareOverride = pairs }, cases));
                    }
                }
            }
        }

        var table = new MarkdownTable("choice", "min chunk coverage", "pair share override", "min sentence coverage", "answer type", "unanswerable refused", "foreign refused", "false refusals", "accuracy");
        Add(table, "current defaults", Measure(defaults, cases));
        var feasible = rows.Where(r => r.FalseRefused <= maxFalseRefusal).ToList();
        if (feasible.Count > 0)
        {
            Add(table, $"most refusals, false ≤ {maxFalseRefusal:P0}", feasible.MaxBy(r => (Refusal(r.Refused, r.ForeignRefused), r.Accuracy)));
            Add(table, $"best accuracy, false ≤ {maxFalseRefusal:P0}", feasible.MaxBy(r => (r.Accuracy, r.Refused)));
        }

        Add(table, "best refused + accuracy", rows.MaxBy(r => Refusal(r.Refused, r.ForeignRefused) + r.Accuracy));
        foreach (double cap in new[] { 0.1, 0.2, 0.3 })
        {
            var within = rows.Where(r => r.FalseRefused <= cap).ToList();
            if (within.Count > 0)
            {
                Add(table, $"most refusals, false ≤ {cap:P0}", within.MaxBy(r => (Refusal(r.Refused, r.ForeignRefused), r.Accuracy)));
            }
        }

        Console.WriteLine($"{cases.Count(c => c.Answerable)} answerable, {cases.Count(c => !c.Answerable && !c.Foreign)} unanswerable, {cases.Count(c => c.Foreign)} foreign questions; chosen sentence holds the gold answer for {cases.Count(c => c.ChosenIsCorrect)} of the answerable.");
        Console.WriteLine(table.ToString());
        return 0;
    }

    private static (AnswerOptions Options, double Refused, double ForeignRefused, double FalseRefused, double Accuracy) Measure(AnswerOptions options, List<CalibrationCase> cases)
    {
        var policy = new RefusalPolicy(options);
        int answerable = 0, unanswerable = 0, refused = 0, foreign = 0, foreignRefused = 0, falseRefused = 0, correct = 0;
        foreach (var c in cases)
        {
            bool refuses = policy.RefusalReason(c.Evidence) is not null;
            if (c.Answerable)
            {
                answerable++;
                falseRefused += refuses ? 1 : 0;
                correct += !refuses && c.ChosenIsCorrect ? 1 : 0;
            }
            else if (c.Foreign)
            {
                foreign++;
                foreignRefused += refuses ? 1 : 0;
            }
            else
            {
                unanswerable++;
                refused += refuses ? 1 : 0;
            }
        }

        return (options, Ratio(refused, unanswerable), Ratio(foreignRefused, foreign), Ratio(falseRefused, answerable), Ratio(correct, answerable));
    }

    private static void Add(MarkdownTable table, string label, (AnswerOptions Options, double Refused, double ForeignRefused, double FalseRefused, double Accuracy) row)
    {
        var o = row.Options;
        table.AddRow(label, F(o.MinChunkCoverage), o.PairShareOverride > 1 ? "–" : F(o.PairShareOverride), F(o.MinSentenceCoverage), o.RequireAnswerType ? "required" : "–", P(row.Refused), P(row.ForeignRefused), P(row.FalseRefused), P(row.Accuracy));
    }

    /// <summary>Refusal over both kinds of unanswerable question, each weighing half when both are present.</summary>
    private static double Refusal(double own, double foreign) =>
        double.IsNaN(own) ? foreign : double.IsNaN(foreign) ? own : (own + foreign) / 2;

    private static double Ratio(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string P(double ratio) => double.IsNaN(ratio) ? "–" : (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture);
}
