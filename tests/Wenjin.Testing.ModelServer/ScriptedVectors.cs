using System.Globalization;
using System.Text;

namespace Wenjin.Testing.ModelServer;

/// <summary>
/// Deterministic stand-in embeddings: a hashed bag of characters. Each non-whitespace character (lower-cased,
/// invariant) adds ±1 to one of <c>dimensions</c> components chosen by a fixed FNV-1a hash, and the vector is scaled to
/// unit length. So the same text always gives the same vector on every machine, and texts sharing many characters
/// (e.g. a question and the Chinese passage answering it) have a higher cosine than unrelated ones. A text without
/// non-whitespace characters gives the first unit vector.
/// </summary>
public static class ScriptedVectors
{
    public static float[] For(string text, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var sums = new double[dimensions];
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            uint hash = Fnv1a(Rune.ToLowerInvariant(rune).Value);
            sums[hash % (uint)dimensions] += (hash & 0x8000_0000u) == 0 ? 1 : -1;
        }

        double norm = Math.Sqrt(sums.Sum(s => s * s));
        var vector = new float[dimensions];
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }

        for (int i = 0; i < dimensions; i++)
        {
            vector[i] = (float)(sums[i] / norm);
        }

        return vector;
    }

    /// <summary>A <see cref="ScriptedEmbeddings.Default"/> that answers <see cref="For"/> of each text.</summary>
    public static Func<IReadOnlyList<string>, IReadOnlyList<float[]>> Generator(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return texts => [.. texts.Select(t => For(t, dimensions))];
    }

    /// <summary>Cosine similarity of two vectors of the same length (0 when either is all zeros).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Lengths differ: {a.Length} and {b.Length}."), nameof(b));
        }

        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    private static uint Fnv1a(int value)
    {
        uint hash = 2166136261;
        for (int shift = 0; shift < 32; shift += 8)
        {
            hash ^= (uint)(value >> shift) & 0xFF;
            hash *= 16777619;
        }

        return hash;
    }
}
