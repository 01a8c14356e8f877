using System.Globalization;
using Wenjin.Bench.Reporting;
using Wenjin.Evaluation;

namespace Wenjin.Bench.Qa;

/// <summary>
/// <c>qa --dataset DIR [--foreign DIR2] [--limit-queries N] [--write-qa FILE]</c>: builds a QA set from the dataset
/// (answerable and, where the dataset has them, unanswerable questions), optionally adds N questions of another
/// dataset as unanswerable "foreign" questions (the knowledge base cannot contain their answers), and runs Wenjin's
/// own evaluation (the code behind <c>wenjin eval</c>) on it.
/// </summary>
internal static class QaCommand
{
    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        string dataset = options.Required("dataset");
        int limit = options.PositiveInt("limit-queries") ?? 2000;
        var items = QaSetBuilder.Build(dataset, limit);
        if (options.Value("foreign") is { } foreign)
        {
            items.AddRange(QaSetBuilder.Build(foreign, limit / 4, seed: 2).Select(q => q with { Id = "foreign-" + q.Id, Answer = null, Quote = null }));
        }

        if (options.Value("write-qa") is { } path)
        {
            QaSetBuilder.Write(path, items);
        }

        using var kb = await QaKnowledgeBase.CreateAsync(dataset).ConfigureAwait(false);
        var report = await kb.Service.EvaluateAsync(QaKnowledgeBase.Name, items).ConfigureAwait(false);
        int foreignCount = items.Count(i => i.Id.StartsWith("foreign-", StringComparison.Ordinal));
        int foreignRefused = report.Items.Count(i => i.Id.StartsWith("foreign-", StringComparison.Ordinal) && i.Refused);
        var table = new MarkdownTable("dataset", "questions", "answerable", "hit@1", "hit@5", "MRR", "accuracy", "accuracy when retrieved", "unanswerable refused", "foreign refused", "false refusals", "ms/question");
        table.AddRow(
            Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataset)))) ?? dataset,
            report.Questions.ToString(CultureInfo.InvariantCulture),
            report.Answerable.ToString(CultureInfo.InvariantCulture),
            P(report.HitAt1),
            P(report.HitAt5),
            report.Mrr.ToString("0.000", CultureInfo.InvariantCulture),
            P(report.AnswerAccuracy),
            P(report.AnswerAccuracyWhenRetrieved),
            P(UnanswerableRefusal(report, foreignCount, foreignRefused)),
            foreignCount == 0 ? "–" : P((double)foreignRefused / foreignCount),
            P(report.FalseRefusalRate),
            report.MeanAskMs.ToString("0.0", CultureInfo.InvariantCulture));
        Console.WriteLine(table.ToString());
        Console.WriteLine("unanswerable refused: the dataset's own unanswerable questions (SQuAD 2.0 writes them against the paragraph to look answerable); foreign refused: questions from another dataset, which this knowledge base cannot answer.");
        return 0;
    }

    /// <summary>Refusal rate over the dataset's own unanswerable questions, foreign ones excluded.</summary>
    private static double UnanswerableRefusal(EvalReport report, int foreignCount, int foreignRefused)
    {
        int own = report.Unanswerable - foreignCount;
        int refused = report.Items.Count(i => !i.Answerable && i.Refused) - foreignRefused;
        return own <= 0 ? double.NaN : (double)refused / own;
    }

    private static string P(double ratio) => double.IsNaN(ratio) ? "–" : (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture);
}
