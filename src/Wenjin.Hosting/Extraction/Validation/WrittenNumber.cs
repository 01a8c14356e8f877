namespace Wenjin.Hosting.Extraction;

/// <summary>
/// A number written in a folded text at [Start, End) (unit characters such as 万元, % or 成 included), with the values
/// it can stand for: as written, and scaled by its 万/亿/千 or 成 (386.5（万元） stands for 386.5 and 3865000).
/// </summary>
internal sealed record WrittenNumber(int Start, int End, decimal Written, decimal? Scaled)
{
    /// <summary>True when <paramref name="value"/> is one of the values this mention stands for.</summary>
    public bool StandsFor(decimal value) => SameNumber(Written, value) || Scaled is decimal scaled && SameNumber(scaled, value);

    // Equal up to a relative 1e-9: 123.45万 computed in decimal is exact, but a caller's double may not be.
    private static bool SameNumber(decimal a, decimal b) => Math.Abs(a - b) <= 0.000000001m * Math.Max(1m, Math.Abs(b));
}
