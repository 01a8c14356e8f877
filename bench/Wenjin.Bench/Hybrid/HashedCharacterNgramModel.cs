using System.Text;

namespace Wenjin.Bench.Hybrid;

/// <summary>
/// The stand-in embedding model of the <c>hybrid</c> benchmark, served by the scripted model server because no model
/// weights exist on the benchmark machines. It is a lexical model in vector form, not a semantic one: a text becomes
/// its character unigrams and bigrams (letters and digits only, lower-cased invariantly; a bigram never spans
/// punctuation or spaces), each feature weighted by a fixed per-kind weight times a sublinear term frequency
/// (1 + ln tf), with no idf (nothing corpus-wide is learned), signed-hashed into <see cref="Dimensions"/> components
/// and scaled to unit length. It therefore finds passages that share many characters and character pairs with the
/// question, and can never relate 打车 to 出租车. Deterministic on every machine; stateless, so thread-safe.
/// </summary>
internal sealed class HashedCharacterNgramModel
{
    /// <summary>One line for reports: what the vectors are.</summary>
    public const string Description =
        "hashed character n-grams (unigrams ×0.5 + bigrams ×1, tf 1 + ln tf, no idf, signed feature hashing, unit length)";

    // Bigrams carry more of a Chinese text's meaning than single characters, which are shared by unrelated words.
    private const double UnigramWeight = 0.5;
    private const double BigramWeight = 1.0;

    // Feature keys: a unigram is its code point (< 2^21); a bigram packs both code points above this flag bit.
    private const long BigramFlag = 1L << 42;

    public HashedCharacterNgramModel(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    /// <summary>One unit vector per text, in order (the shape <c>ScriptedEmbeddings.Default</c> takes).</summary>
    public IReadOnlyList<float[]> EmbedAll(IReadOnlyList<string> texts) => [.. texts.Select(Embed)];

    /// <summary>
    /// The unit vector of <paramref name="text"/>. A text without letters or digits gives the first unit vector, so
    /// every answer is a valid direction.
    /// </summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<long, int>();
        int previous = -1;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune))
            {
                previous = -1;
                continue;
            }

            int current = Rune.ToLowerInvariant(rune).Value;
            Increment(counts, current);
            if (previous >= 0)
            {
                Increment(counts, BigramFlag | ((long)previous << 21) | (uint)current);
            }

            previous = current;
        }

        var sums = new double[Dimensions];
        foreach ((long feature, int count) in counts)
        {
            double weight = ((feature & BigramFlag) != 0 ? BigramWeight : UnigramWeight) * (1 + Math.Log(count));
            ulong hash = Mix(unchecked((ulong)feature));
            int component = (int)(hash % (ulong)Dimensions);
            sums[component] += (hash >> 63) == 0 ? weight : -weight;
        }

        double norm = Math.Sqrt(sums.Sum(value => value * value));
        var vector = new float[Dimensions];
        if (norm == 0)
        {
            vector[0] = 1;
            return vector;
        }

        for (int i = 0; i < Dimensions; i++)
        {
            vector[i] = (float)(sums[i] / norm);
        }

        return vector;
    }

    private static void Increment(Dictionary<long, int> counts, long feature) =>
        counts[feature] = counts.GetValueOrDefault(feature) + 1;

    /// <summary>SplitMix64's finalizer: a fixed, well-mixed 64-bit hash, so the component and the sign are independent bits.</summary>
    private static ulong Mix(ulong value)
    {
        value += 0x9E37_79B9_7F4A_7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return value ^ (value >> 31);
    }
}
