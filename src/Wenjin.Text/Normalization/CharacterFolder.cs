using System.Runtime.CompilerServices;

namespace Wenjin.Text.Normalization;

/// <summary>
/// Folds text one character to one character, so that folded text has the same length as its input and every offset
/// into it is an offset into the original: full-width ASCII becomes ASCII (ＡＢＣ１２３％ → abc123%), the ideographic
/// space becomes a space, letters become lower case, and Traditional Chinese characters become Simplified (OpenCC's
/// character table, first candidate), so 臺灣 and 台湾 fold to the same text. Thread-safe; the table is built once.
/// </summary>
public sealed class CharacterFolder
{
    private static readonly Lazy<CharacterFolder> SharedInstance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly char[] _map;
    private readonly CharClass[] _classes;

    private CharacterFolder(char[] map, CharClass[] classes)
    {
        _map = map;
        _classes = classes;
    }

    /// <summary>The one shared folder; its table is loaded on first use.</summary>
    public static CharacterFolder Shared => SharedInstance.Value;

    /// <summary>Number of Traditional characters that fold to a different Simplified character.</summary>
    public int TraditionalMappings { get; private init; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public char Fold(char c) => _map[c];

    /// <summary>Folds <paramref name="source"/> into <paramref name="destination"/>, which must be at least as long.</summary>
    public void Fold(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));
        }

        char[] map = _map;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = map[source[i]];
        }
    }

    public string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, (text, this), static (span, state) => state.Item2.Fold(state.text, span));
    }

    /// <summary>The class of an already folded character.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal CharClass Classify(char folded) => _classes[folded];

    // Runs once: compiled optimized straight away instead of through the unoptimized first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CharacterFolder Load()
    {
        var map = new char[65536];
        for (int i = 0; i < map.Length; i++)
        {
            char c = (char)i;
            if (c >= '\uFF01' && c <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            else if (c == '\u3000')
            {
                c = ' ';
            }

            map[i] = char.IsSurrogate(c) ? c : char.ToLowerInvariant(c);
        }

        int mappings = 0;
        using (var reader = new StringReader(EmbeddedResource.ReadAllText("TSCharacters.txt")))
        {
            while (reader.ReadLine() is { } line)
            {
                // "trad<TAB>simp [alternatives…]": only one-char-to-one-char pairs keep offsets intact.
                if (line.Length < 3 || line[0] == '#' || line[1] != '\t' || char.IsSurrogate(line[0]) || char.IsSurrogate(line[2]))
                {
                    continue;
                }

                if (line.Length > 3 && line[3] != ' ')
                {
                    continue;
                }

                char traditional = line[0], simplified = line[2];
                if (traditional != simplified)
                {
                    map[traditional] = simplified;
                    mappings++;
                }
            }
        }

        // A Traditional character may map to a character that is itself Traditional in another pair; resolve chains.
        for (int i = 0; i < map.Length; i++)
        {
            char c = map[i];
            for (int hops = 0; hops < 4 && map[c] != c; hops++)
            {
                c = map[c];
            }

            map[i] = c;
        }

        var classes = new CharClass[65536];
        for (int i = 0; i < classes.Length; i++)
        {
            classes[i] = ClassOf((char)i);
        }

        return new CharacterFolder(map, classes) { TraditionalMappings = mappings };
    }

    private static CharClass ClassOf(char c)
    {
        if (c >= '0' && c <= '9')
        {
            return CharClass.Digit;
        }

        if ((c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF') || (c >= '\uF900' && c <= '\uFAFF') || c == '\u3007')
        {
            return CharClass.Cjk;
        }

        return char.IsLetterOrDigit(c) ? CharClass.Letter : CharClass.Other;
    }
}
