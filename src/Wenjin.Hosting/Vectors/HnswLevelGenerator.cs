namespace Wenjin.Hosting.Vectors;

/// <summary>
/// Draws the top layer of each new HNSW node: ⌊−ln(U) · mL⌋ with mL = 1 / ln(M) (Malkov &amp; Yashunin), from a
/// SplitMix64 stream. Its whole state is one number, which the index file stores, so a loaded index draws the same
/// levels for its next additions as the index that was saved: building is deterministic across save and load.
/// </summary>
internal sealed class HnswLevelGenerator
{
    // Far above any level a real index reaches (about log_M(N)); bounds the per-node link blocks of a freak draw.
    public const int MaxLevel = 32;

    private readonly double _levelMultiplier;

    public HnswLevelGenerator(int m, ulong state)
    {
        _levelMultiplier = 1 / Math.Log(m);
        State = state;
    }

    public ulong State { get; private set; }

    public static ulong InitialState(int seed) => 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed;

    public int Next()
    {
        State += 0x9E3779B97F4A7C15UL;
        ulong z = State;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;

        // U in (0, 1]: 53 random bits, shifted up by one unit so ln(U) is finite.
        double uniform = ((z >> 11) + 1) * (1.0 / (1UL << 53));
        return (int)Math.Min(MaxLevel, -Math.Log(uniform) * _levelMultiplier);
    }
}
