using System.Globalization;
using Wenjin.Bench.Ingestion;

namespace Wenjin.Bench.Reporting;

/// <summary>
/// Renders ingest results as one Markdown table: one row per engine, the difference Wenjin − Lucene, and, when a
/// baseline is recorded for the corpus key, the recorded Wenjin row and the difference now − recorded.
/// </summary>
internal static class IngestReport
{
    private const double Megabyte = 1e6;

    public static string Render(IReadOnlyList<IngestEngineResult> results, BaselineRecord? baseline)
    {
        var table = new MarkdownTable("engine", "docs", "text MB", "chunks", "index s", "MB/s", "docs/s", "index MB", "peak WS MB", "alloc MB", "queries", "p50 ms", "p99 ms");
        foreach (IngestEngineResult result in results)
        {
            table.AddRow(Values(result.Engine, result));
        }

        IngestEngineResult? wenjin = results.FirstOrDefault(result => result.Engine == "Wenjin");
        IngestEngineResult? lucene = results.FirstOrDefault(result => result.Engine == "Lucene");
        if (wenjin is not null && lucene is not null)
        {
            table.AddRow(Differences("Δ Wenjin − Lucene", wenjin, lucene));
        }

        if (wenjin is not null && baseline?.Ingest.GetValueOrDefault(wenjin.Corpus) is { } recorded)
        {
            string date = recorded.MeasuredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            table.AddRow(Values($"Wenjin baseline {date}", recorded));
            table.AddRow(Differences("Δ Wenjin − baseline", wenjin, recorded));
        }

        return table.ToString();
    }

    private static string[] Values(string engine, IngestEngineResult r) =>
    [
        engine, Integer(r.Documents), Fixed(r.TextBytes / Megabyte, "F1"), Integer(r.Chunks), Fixed(r.Seconds, "F1"),
        Fixed(r.MegabytesPerSecond, "F2"), Fixed(r.DocumentsPerSecond, "F0"), Fixed(r.IndexBytes / Megabyte, "F1"),
        Fixed(r.PeakWorkingSetBytes / Megabyte, "F0"), Fixed(r.AllocatedBytes / Megabyte, "F0"), Integer(r.Queries),
        Fixed(r.P50Ms, "F2"), Fixed(r.P99Ms, "F2"),
    ];

    private static string[] Differences(string label, IngestEngineResult a, IngestEngineResult b) =>
    [
        label, "", "", Signed(a.Chunks - b.Chunks, "F0"), Signed(a.Seconds - b.Seconds, "F1"),
        Signed(a.MegabytesPerSecond - b.MegabytesPerSecond, "F2"), Signed(a.DocumentsPerSecond - b.DocumentsPerSecond, "F0"),
        Signed((a.IndexBytes - b.IndexBytes) / Megabyte, "F1"), Signed((a.PeakWorkingSetBytes - b.PeakWorkingSetBytes) / Megabyte, "F0"),
        Signed((a.AllocatedBytes - b.AllocatedBytes) / Megabyte, "F0"), "",
        Signed(a.P50Ms - b.P50Ms, "F2"), Signed(a.P99Ms - b.P99Ms, "F2"),
    ];

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(double value, string format) =>
        (value >= 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);
}
