using System.Globalization;
using Wenjin.Bench.Reporting;

namespace Wenjin.Bench.Http;

/// <summary>
/// Renders the load levels as one Markdown table, one row per endpoint and client count; when a baseline is recorded
/// for the corpus, each level is followed by its recorded row and the difference now − recorded. "errors" counts every
/// non-2xx answer and exception; "error kinds" splits them by status code (429 = refused by the rate limit) or
/// exception type.
/// </summary>
internal static class HttpReport
{
    public static string Render(IReadOnlyList<LoadResult> results, HttpBaseline? baseline)
    {
        var table = new MarkdownTable("endpoint", "clients", "requests", "errors", "error kinds", "req/s", "p50 ms", "p99 ms");
        string? date = baseline?.MeasuredAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        foreach (LoadResult result in results)
        {
            table.AddRow(Values(result.Endpoint, result));
            if (baseline?.Results.FirstOrDefault(r => r.Endpoint == result.Endpoint && r.Clients == result.Clients) is { } recorded)
            {
                table.AddRow(Values($"{result.Endpoint} baseline {date}", recorded));
                table.AddRow(
                    $"Δ {result.Endpoint} − baseline",
                    Integer(result.Clients),
                    "",
                    Signed(result.Errors - recorded.Errors, "F0"),
                    "",
                    Signed(result.RequestsPerSecond - recorded.RequestsPerSecond, "F1"),
                    Signed(result.P50Ms - recorded.P50Ms, "F2"),
                    Signed(result.P99Ms - recorded.P99Ms, "F2"));
            }
        }

        return table.ToString();
    }

    private static string[] Values(string label, LoadResult r) =>
    [
        label, Integer(r.Clients), Integer(r.Requests), Integer(r.Errors), Kinds(r), Fixed(r.RequestsPerSecond, "F1"), Fixed(r.P50Ms, "F2"), Fixed(r.P99Ms, "F2"),
    ];

    /// <summary>"429×12, HttpRequestException×1", or "–" without errors.</summary>
    private static string Kinds(LoadResult r) =>
        r.ErrorsByKind.Count == 0 ? "–" : string.Join(", ", r.ErrorsByKind.Select(kind => $"{kind.Key}×{Integer(kind.Value)}"));

    private static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Signed(double value, string format) =>
        double.IsNaN(value) ? "–" : (value >= 0 ? "+" : "") + value.ToString(format, CultureInfo.InvariantCulture);
}
