namespace Wenjin.Bench.Metrics;

/// <summary>Collects per-operation latencies in milliseconds and reports nearest-rank percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public void Record(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    /// <summary>
    /// Nearest-rank percentile: the smallest recorded value such that at least p % of all values are ≤ it
    /// (sorted[⌈p/100 · n⌉ − 1]). NaN when nothing was recorded.
    /// </summary>
    public double Percentile(double p)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        double[] sorted = [.. _milliseconds.Order()];
        int index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    public double Mean() => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Average();
}
