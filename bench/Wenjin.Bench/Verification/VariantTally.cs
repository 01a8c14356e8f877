namespace Wenjin.Bench.Verification;

/// <summary>Counts for one kind of scripted draft: cases, how many the verifier handled as expected, and its drop reasons.</summary>
internal sealed class VariantTally
{
    public int Cases { get; set; }

    public int Right { get; set; }

    public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);
}
