using Wenjin.Text.Normalization;

namespace Wenjin.Text.Extraction;

/// <summary>
/// The part-of-speech tags that the segmentation dictionary (cppjieba's, embedded in this assembly) gives its words,
/// kept only for the classes that cannot be inside a name: verbs (v), prepositions (p), conjunctions (c), pronouns (r),
/// particles (u), adverbs (d), modal particles (y), interjections (e), onomatopoeia (o) and time words (t). Words are
/// folded like the text. Loaded once, on first use (a second pass over the dictionary file, a few hundred
/// milliseconds); thread-safe.
/// </summary>
internal sealed class DictionaryTags
{
    private static readonly Lazy<DictionaryTags> SharedInstance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, char>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private DictionaryTags(Dictionary<string, char> tags)
    {
        _lookup = tags.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static DictionaryTags Shared => SharedInstance.Value;

    /// <summary>The tag's letter (v, p, c, r, u, d, y, e, o, t) of a folded word of one of those classes, or '\0'.</summary>
    public char Tag(ReadOnlySpan<char> foldedWord) => _lookup.TryGetValue(foldedWord, out char tag) ? tag : '\0';

    private static DictionaryTags Load()
    {
        CharacterFolder folder = CharacterFolder.Shared;
        var tags = new Dictionary<string, char>(64 * 1024, StringComparer.Ordinal);
        ReadOnlySpan<char> rest = EmbeddedResource.ReadAllText("jieba.dict.utf8.gz");
        while (!rest.IsEmpty)
        {
            // Lines are "word frequency tag".
            int newline = rest.IndexOf('\n');
            ReadOnlySpan<char> line = (newline < 0 ? rest : rest[..newline]).TrimEnd('\r');
            rest = newline < 0 ? default : rest[(newline + 1)..];
            int lastSpace = line.LastIndexOf(' ');
            int firstSpace = line.IndexOf(' ');
            if (firstSpace <= 0 || lastSpace != line.Length - 2 || !"vpcrudyeot".Contains(line[^1]))
            {
                continue;
            }

            string word = folder.Fold(line[..firstSpace].ToString());
            tags.TryAdd(word, line[^1]);
        }

        return new DictionaryTags(tags);
    }
}
