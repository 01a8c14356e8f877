using System.Globalization;
using Wenjin.Bench.Beir;

namespace Wenjin.Bench.Reporting;

/// <summary>
/// Renders BEIR results as one Markdown table: per dataset one row per engine, the difference Wenjin − Lucene in
/// points (percentage points for quality, ms and s for cost), and, when a baseline is recorded for the dataset, the
/// recorded Wenjin row and the difference now − recorded. Several datasets add a macro-average block.
/// </summary>
internal static class BeirReport
{
    private const string Wenjin = "Wenjin";
    private const string Lucene = "Lucene";

    public static string Render(IReadOnlyList<BeirEngineResult> results, BaselineRecord? baseline)
    {
        var table = new MarkdownTable("dataset", "engine", "queries", "Hit@1", "R@1", "R@5", "R@10", "MRR@10", "nDCG@10", "p50 ms", "p99 ms", "index s");
        List<string> datasets = [.. results.Select(result => result.Dataset).Distinct()];
        foreach (string dataset in datasets)
        {
            AddBlock(table, dataset, [.. results.Where(result => result.Dataset == dataset)], baseline?.Beir.GetValueOrDefault(dataset));
        }

        if (datasets.Count > 1)
        {
            string label = $"mean of {datasets.Count}";
            List<BeirEngineResult> means = [.. results.GroupBy(result => result.Engine)
                .Where(group => group.Count() == datasets.Count)
                .Select(group => MacroAverage(label, [.. group]))];
            List<BeirEngineResult> baselineRows = [.. datasets.Select(dataset => baseline?.Beir.GetValueOrDefault(dataset)).OfType<BeirEngineResult>()];
            AddBlock(table, label, means, baselineRows.Count == datasets.Count ? MacroAverage(label, baselineRows) : null);
        }

        return table.ToString();
    }

    private static void AddBlock(MarkdownTable table, string dataset, IReadOnlyList<BeirEngineResult> rows, BeirEngineResult? recorded)
    {
        foreach (BeirEngineResult row in rows)
        {
            table.AddRow(Values(dataset, row.Engine, row));
        }

        BeirEngineResult? wenjin = rows.FirstOrDefault(row => row.Engine == Wenjin);
        BeirEngineResult? lucene = rows.FirstOrDefault(row => row.Engine == Lucene);
        if (wenjin is not null && lucene is not null)
        {
            table.AddRow(Differences(dataset, "Δ Wenjin − Lucene", wenjin, lucene));
        }

        if (wenjin is not null && recorded is not null)
        {
            string date = recorded.MeasuredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            table.AddRow(Values(dataset, $"Wenjin baseline {date}", recorded));
            table.AddRow(Differences(dataset, "Δ Wenjin − baseline", wenjin, recorded));
        }
    }

    private static string[] Values(string dataset, string engine, BeirEngineResult r) =>
    [
        dataset, engine, r.Queries.ToString(CultureInfo.InvariantCulture),
        Percent(r.HitAt1), Percent(r.RecallAt1), Percent(r.RecallAt5), Percent(r.RecallAt10), Percent(r.MrrAt10), Percent(r.NdcgAt10),
        Fixed(r.P50Ms, "F2"), Fixed(r.P99Ms, "F2"), Fixed(r.IndexSeconds, "F2"),
    ];

    private static string[] Differences(string dataset, string label, BeirEngineResult a, BeirEngineResult b) =>
    [
        dataset, label, "",
        Signed(100 * (a.HitAt1 - b.HitAt1), "F1"), Signed(100 * (a.RecallAt1 - b.RecallAt1), "F1"), Signed(100 * (a.RecallAt5 - b.RecallAt5), "F1"),
        Signed(100 * (a.RecallAt10 - b.RecallAt10), "F1"), Signed(100 * (a.MrrAt10 - b.MrrAt10), "F1"),
        Signed(100 * (a.NdcgAt10 - b.NdcgAt10), "F1"),
        Signed(a.P50Ms - b.P50Ms, "F2"), Signed(a.P99Ms - b.P99Ms, "F2"), Signed(a.IndexSeconds - b.IndexSeconds, "F2"),
    ];

    /// <summary>Unweighted mean over datasets of every metric (latencies and index time included).</summary>
    private static BeirEngineResult MacroAverage(string label, IReadOnlyList<BeirEngineResult> rows) => new()
    {
        Dataset = label,
        Engine = rows[0].Engine,
        MeasuredAt = rows.Max(row => row.MeasuredAt),
        Documents = rows.Sum(row => row.Documents),
        Chunks = rows.Sum(row => row.Chunks),
        Queries = rows.Sum(row => row.Queries),
        RecallAt1 = rows.Average(row => row.RecallAt1),
        HitAt1 = rows.Average(row => row.HitAt1),
        RecallAt5 = rows.Average(row => row.RecallAt5),
        RecallAt10 = rows.Average(row => row.RecallAt10),
        MrrAt10 = rows.Average(row => row.MrrAt10),
        NdcgAt10 = rows.Average(row => row.NdcgAt10),
        P50Ms = rows.Average(row => row.P50Ms),
        P99Ms = rows.Average(row => row.P99Ms),
        IndexSeconds = rows.Average(row => row.IndexSeconds),
        IndexBytes = rows.Sum(row => row.IndexBytes),
    };

    private static string Percent(double fraction) => (100 * fraction).ToString("F1", CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(double value, string format) =>
        (value >= 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);
}
