using System.Buffers;
using Wenjin.Analysis;
using Wenjin.Text.Normalization;
using Wenjin.Text.Segmentation;

namespace Wenjin.Text.Analysis;

/// <summary>
/// The Chinese-first analyzer ("wenjin-zh"): folds the text (<see cref="CharacterFolder"/>), splits it into runs, and
/// turns each run into terms.
/// <list type="bullet">
/// <item>CJK runs are segmented into words (<see cref="ChineseSegmenter"/>); each word is one position. For recall a
/// word of 3+ characters also yields, at its own position, its dictionary sub-words of 2 characters (and of 3 when it
/// is longer than 3), and a word unknown to the dictionary of 3+ characters yields all its character bigrams, so a
/// query segmented differently from the document still matches. Single-character function words (的, 了, 在, 是 …)
/// are dropped and take no position.</item>
/// <item>Letters and digits form one token with inner '.', '-', '_' (GPT-4, qwen2.5, a100, 3.5) and digit-group commas
/// (1,000 → 1000); a number keeps its unit: %, ‰, a multiplier (万, 亿 …) and/or a unit (年, 元, 美元, 个百分点 …), so
/// "2023年", "3.5亿", "100万元" and "97.6%" are single terms. Words of ASCII letters lose plural endings
/// (<see cref="EnglishPluralStemmer"/>) unless they end in a capital S (TFLOPS), and acronyms lose a plural s (GPUs); a few English function words are dropped.</item>
/// <item>Everything else (punctuation, symbols, white space) separates tokens and is dropped. Tokens longer than
/// <see cref="MaxTermLength"/> characters (hashes, encoded data) are dropped.</item>
/// </list>
/// Thread-safe and allocation-light: dictionary words reuse the dictionary's strings.
/// </summary>
public sealed class ChineseAnalyzer : ITextAnalyzer
{
    /// <summary>Longest term kept; longer letter/digit tokens are not words anyone searches for.</summary>
    public const int MaxTermLength = 64;

    private const int StackLimit = 1024;

    private static readonly Lazy<ChineseAnalyzer> SharedInstance = new(
        () => new ChineseAnalyzer(CharacterFolder.Shared, ChineseSegmenter.Shared), LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly SearchValues<char> StopCharacters = SearchValues.Create("的地得了着过和与及或而且并也就都又在是为于以之其将被把从向由则即但等们吗呢吧啊呀么哦嘛");

    private static readonly SearchValues<char> Multipliers = SearchValues.Create("百千万亿兆");

    private static readonly SearchValues<char> UnitCharacters = SearchValues.Create("年月日号时点分秒元角个人家次岁倍吨台件项名位天周辆套座股份克米斤亩度届期篇条只张页帧");

    // Checked before the one-character units, longest first where one is a prefix of another.
    private static readonly string[] UnitWords = ["个百分点", "百分点", "平方公里", "平方米", "美元", "港元", "欧元", "日元", "英镑", "公里", "公斤", "千克", "千米", "小时", "分钟", "个月", "周年", "季度"];

    private static readonly HashSet<string> EnglishStopWords = new(
        ["a", "an", "the", "of", "to", "and", "or", "in", "on", "at", "by", "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "this", "that", "these", "those"],
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> EnglishStopLookup = EnglishStopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    [ThreadStatic]
    private static List<WordSpan>? t_words;

    private readonly CharacterFolder _folder;
    private readonly ChineseSegmenter _segmenter;
    private readonly WordDictionary _dictionary;
    private readonly string?[] _singleCharacterTerms = new string?[65536];

    private ChineseAnalyzer(CharacterFolder folder, ChineseSegmenter segmenter)
    {
        _folder = folder;
        _segmenter = segmenter;
        _dictionary = segmenter.Dictionary;
    }

    /// <summary>The signature of this analyzer version; bump the version whenever the terms it emits change.</summary>
    public static AnalyzerSignature CurrentSignature { get; } = new("wenjin-zh", 1);

    /// <summary>The shared instance; the first use loads the dictionary and models (a few hundred milliseconds).</summary>
    public static ChineseAnalyzer Shared => SharedInstance.Value;

    public AnalyzerSignature Signature => CurrentSignature;

    /// <summary>The folder this analyzer normalizes with (to fold text the same way, e.g. for highlighting).</summary>
    public CharacterFolder Folder => _folder;

    /// <summary>Analyzes <paramref name="text"/> into a new list (convenience for callers that do not reuse lists).</summary>
    public List<AnalyzedToken> Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<AnalyzedToken>(text.Length / 2 + 4);
        Analyze(text, tokens);
        return tokens;
    }

    public void Analyze(ReadOnlySpan<char> text, List<AnalyzedToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        int n = text.Length;
        if (n == 0)
        {
            return;
        }

        char[]? rented = null;
        Span<char> folded = n <= StackLimit ? stackalloc char[n] : (rented = ArrayPool<char>.Shared.Rent(n)).AsSpan(0, n);
        try
        {
            _folder.Fold(text, folded);
            AnalyzeFolded(text, folded, tokens);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private void AnalyzeFolded(ReadOnlySpan<char> original, ReadOnlySpan<char> folded, List<AnalyzedToken> tokens)
    {
        CharacterFolder folder = _folder;
        int n = folded.Length;
        int position = 0;
        int i = 0;
        while (i < n)
        {
            char c = folded[i];
            switch (folder.Classify(c))
            {
                case CharClass.Cjk:
                {
                    int end = i + 1;
                    while (end < n && folder.Classify(folded[end]) == CharClass.Cjk)
                    {
                        end++;
                    }

                    AddCjkRun(folded, i, end, tokens, ref position);
                    i = end;
                    break;
                }

                case CharClass.Letter:
                case CharClass.Digit:
                    i = AddAlphanumeric(original, folded, i, tokens, ref position);
                    break;

                default:
                    i = char.IsHighSurrogate(c) ? AddSupplementary(folded, i, tokens, ref position) : i + 1;
                    break;
            }
        }
    }

    private void AddCjkRun(ReadOnlySpan<char> folded, int start, int end, List<AnalyzedToken> tokens, ref int position)
    {
        ReadOnlySpan<char> run = folded[start..end];
        List<WordSpan> words = t_words ??= new List<WordSpan>(256);
        words.Clear();
        _segmenter.Segment(run, words);
        foreach (WordSpan word in words)
        {
            int wordStart = start + word.Start;
            if (word.Length == 1)
            {
                char c = run[word.Start];
                if (StopCharacters.Contains(c))
                {
                    continue;
                }

                tokens.Add(new AnalyzedToken(SingleCharacterTerm(c), position++, wordStart, wordStart + 1));
                continue;
            }

            ReadOnlySpan<char> text = run.Slice(word.Start, word.Length);
            string term = word.Node >= 0 ? _dictionary.WordAt(word.Node)! : text.ToString();
            tokens.Add(new AnalyzedToken(term, position, wordStart, wordStart + word.Length));
            if (word.Length >= 3)
            {
                AddSubwords(text, wordStart, known: word.Node >= 0, tokens, position);
            }

            position++;
        }
    }

    /// <summary>
    /// Recall terms inside a long word, at the word's position: dictionary 2-grams (every 2-gram for an unknown word,
    /// whose boundaries the HMM only guessed), and dictionary 3-grams of words longer than 3.
    /// </summary>
    private void AddSubwords(ReadOnlySpan<char> word, int wordStart, bool known, List<AnalyzedToken> tokens, int position)
    {
        for (int k = 0; k + 2 <= word.Length; k++)
        {
            ReadOnlySpan<char> gram = word.Slice(k, 2);
            int node = _dictionary.Find(gram);
            if (node >= 0)
            {
                tokens.Add(new AnalyzedToken(_dictionary.WordAt(node)!, position, wordStart + k, wordStart + k + 2));
            }
            else if (!known)
            {
                tokens.Add(new AnalyzedToken(gram.ToString(), position, wordStart + k, wordStart + k + 2));
            }
        }

        for (int k = 0; word.Length > 3 && k + 3 <= word.Length; k++)
        {
            int node = _dictionary.Find(word.Slice(k, 3));
            if (node >= 0)
            {
                tokens.Add(new AnalyzedToken(_dictionary.WordAt(node)!, position, wordStart + k, wordStart + k + 3));
            }
        }
    }

    private string SingleCharacterTerm(char c)
    {
        // Benign race: two threads may both create the string; either instance is correct.
        return _singleCharacterTerms[c] ??= c.ToString();
    }

    private int AddAlphanumeric(ReadOnlySpan<char> original, ReadOnlySpan<char> folded, int start, List<AnalyzedToken> tokens, ref int position)
    {
        CharacterFolder folder = _folder;
        int n = folded.Length;
        int i = start;
        bool hasLetter = false, hasComma = false;
        while (i < n)
        {
            char c = folded[i];
            CharClass cls = folder.Classify(c);
            if (cls == CharClass.Letter)
            {
                hasLetter = true;
                i++;
                continue;
            }

            if (cls == CharClass.Digit)
            {
                i++;
                continue;
            }

            if (i + 1 < n && i > start)
            {
                CharClass next = folder.Classify(folded[i + 1]);
                if ((c == '.' || c == '-' || c == '_') && (next == CharClass.Letter || next == CharClass.Digit))
                {
                    i++;
                    continue;
                }

                if (c == ',' && !hasLetter && IsDigitGroup(folded, i + 1))
                {
                    hasComma = true;
                    i++;
                    continue;
                }
            }

            break;
        }

        int end = i;
        if (folder.Classify(folded[end - 1]) == CharClass.Digit)
        {
            end = AttachUnit(folded, end);
        }
        else if (hasLetter && end < n && (folded[end] == '+' || folded[end] == '#'))
        {
            // c++, c#, f#
            end++;
            if (folded[end - 1] == '+' && end < n && folded[end] == '+')
            {
                end++;
            }
        }

        int length = end - start;
        if (length > MaxTermLength)
        {
            return end;
        }

        ReadOnlySpan<char> token = folded[start..end];
        bool plainWord = hasLetter && IsAllAsciiLetters(token);
        if (plainWord && EnglishStopLookup.Contains(token))
        {
            return end;
        }

        Span<char> buffer = stackalloc char[MaxTermLength];
        int termLength = 0;
        foreach (char c in token)
        {
            if (c != ',' || !hasComma)
            {
                buffer[termLength++] = c;
            }
        }

        if (plainWord)
        {
            // An upper-case final S belongs to an acronym (TFLOPS, IOS); a lower-case s after a capital is an
            // acronym's plural (GPUs, APIs); anything else goes to the plural stemmer (models, companies).
            if (original[end - 1] == 's' && termLength > 2 && char.IsUpper(original[end - 2]))
            {
                termLength--;
            }
            else if (original[end - 1] != 'S')
            {
                termLength = EnglishPluralStemmer.Stem(buffer[..termLength]);
            }
        }

        tokens.Add(new AnalyzedToken(termLength == 1 ? SingleCharacterTerm(buffer[0]) : new string(buffer[..termLength]), position++, start, end));
        return end;
    }

    /// <summary>After a number: %, ‰, or up to two multipliers followed by an optional unit word or character.</summary>
    private static int AttachUnit(ReadOnlySpan<char> folded, int end)
    {
        int n = folded.Length;
        if (end < n && (folded[end] == '%' || folded[end] == '‰'))
        {
            return end + 1;
        }

        int k = end;
        while (k < n && k - end < 2 && Multipliers.Contains(folded[k]))
        {
            k++;
        }

        ReadOnlySpan<char> rest = folded[k..];
        foreach (string unit in UnitWords)
        {
            if (rest.StartsWith(unit, StringComparison.Ordinal))
            {
                return k + unit.Length;
            }
        }

        if (k < n && UnitCharacters.Contains(folded[k]))
        {
            return k + 1;
        }

        return k;
    }

    private static bool IsDigitGroup(ReadOnlySpan<char> folded, int at)
    {
        if (at + 3 > folded.Length)
        {
            return false;
        }

        for (int k = at; k < at + 3; k++)
        {
            if (folded[k] < '0' || folded[k] > '9')
            {
                return false;
            }
        }

        return at + 3 == folded.Length || folded[at + 3] < '0' || folded[at + 3] > '9';
    }

    private static bool IsAllAsciiLetters(ReadOnlySpan<char> token)
    {
        foreach (char c in token)
        {
            if (c < 'a' || c > 'z')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A supplementary-plane CJK ideograph (extensions B–G) is a one-character word; other pairs are dropped.</summary>
    private int AddSupplementary(ReadOnlySpan<char> folded, int i, List<AnalyzedToken> tokens, ref int position)
    {
        if (i + 1 >= folded.Length || !char.IsLowSurrogate(folded[i + 1]))
        {
            return i + 1;
        }

        int codePoint = char.ConvertToUtf32(folded[i], folded[i + 1]);
        if (codePoint >= 0x20000 && codePoint <= 0x3FFFF)
        {
            tokens.Add(new AnalyzedToken(folded.Slice(i, 2).ToString(), position++, i, i + 2));
        }

        return i + 2;
    }
}
