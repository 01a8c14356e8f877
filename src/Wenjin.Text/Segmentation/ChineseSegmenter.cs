using System.Buffers;
using System.Diagnostics;
using Wenjin.Text.Normalization;

namespace Wenjin.Text.Segmentation;

/// <summary>
/// jieba-style Chinese word segmentation of folded text: every dictionary word starting at each character forms a DAG,
/// dynamic programming picks the route with the highest sum of log word probabilities, and runs of single characters
/// that do not form a dictionary word go to the HMM, which may join them into new words (names, brands, new terms).
/// Thread-safe; the dictionary and model are loaded once, on first use of <see cref="Shared"/>.
/// </summary>
public sealed class ChineseSegmenter
{
    private static readonly Lazy<ChineseSegmenter> SharedInstance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    [ThreadStatic]
    private static List<(int Start, int Length)>? t_hmmWords;

    private readonly CharacterFolder _folder;
    private readonly WordDictionary _dictionary;
    private readonly HmmModel _hmm;

    private ChineseSegmenter(CharacterFolder folder, WordDictionary dictionary, HmmModel hmm, TimeSpan loadTime)
    {
        _folder = folder;
        _dictionary = dictionary;
        _hmm = hmm;
        LoadTime = loadTime;
    }

    public static ChineseSegmenter Shared => SharedInstance.Value;

    /// <summary>How long loading the dictionary and HMM model took (for diagnostics).</summary>
    public TimeSpan LoadTime { get; }

    /// <summary>Number of distinct (folded, purely CJK) dictionary words.</summary>
    public int DictionaryWords => _dictionary.WordCount;

    internal WordDictionary Dictionary => _dictionary;

    /// <summary>True when <paramref name="word"/>, once folded, is a dictionary word.</summary>
    public bool IsKnownWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.Length <= 64 && _dictionary.Find(_folder.Fold(word)) >= 0;
    }

    /// <summary>
    /// Segments a text made only of CJK characters into words (folded), for tools and tests. Other characters are
    /// segmented as unknown characters; use <see cref="Wenjin.Text.Analysis.ChineseAnalyzer"/> for mixed text.
    /// </summary>
    public IReadOnlyList<string> Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string folded = _folder.Fold(text);
        var spans = new List<WordSpan>();
        Segment(folded, spans);
        var words = new List<string>(spans.Count);
        foreach (WordSpan span in spans)
        {
            words.Add(folded.Substring(span.Start, span.Length));
        }

        return words;
    }

    /// <summary>Segments a folded CJK run, appending its words in order; together they cover the run exactly.</summary>
    internal void Segment(ReadOnlySpan<char> run, List<WordSpan> words)
    {
        int n = run.Length;
        if (n == 0)
        {
            return;
        }

        if (n == 1)
        {
            words.Add(new WordSpan(0, 1, SingleNode(run[0])));
            return;
        }

        double[]? rentedScores = null;
        int[]? rentedInts = null;
        Span<double> score = n < 256 ? stackalloc double[n + 1] : (rentedScores = ArrayPool<double>.Shared.Rent(n + 1)).AsSpan(0, n + 1);
        Span<int> ints = n < 256 ? stackalloc int[2 * n] : (rentedInts = ArrayPool<int>.Shared.Rent(2 * n)).AsSpan(0, 2 * n);
        Span<int> routeEnd = ints[..n];
        Span<int> routeNode = ints[n..];
        try
        {
            Route(run, score, routeEnd, routeNode);
            Emit(run, routeEnd, routeNode, words);
        }
        finally
        {
            if (rentedScores is not null)
            {
                ArrayPool<double>.Shared.Return(rentedScores);
            }

            if (rentedInts is not null)
            {
                ArrayPool<int>.Shared.Return(rentedInts);
            }
        }
    }

    private static ChineseSegmenter Load()
    {
        long started = Stopwatch.GetTimestamp();
        CharacterFolder folder = CharacterFolder.Shared;
        WordDictionary dictionary = WordDictionary.Load(folder);
        HmmModel hmm = HmmModel.Load(folder);
        return new ChineseSegmenter(folder, dictionary, hmm, Stopwatch.GetElapsedTime(started));
    }

    private int SingleNode(char c)
    {
        int node = _dictionary.Step(0, c);
        return node > 0 && _dictionary.IsWord(node) ? node : -1;
    }

    /// <summary>
    /// Fills, from the end, the best route: score[i] is the best log probability of run[i..], reached by the word
    /// run[i..routeEnd[i]) (node routeNode[i], -1 for an unknown character). Ties prefer the longer word, as jieba does.
    /// </summary>
    private void Route(ReadOnlySpan<char> run, Span<double> score, Span<int> routeEnd, Span<int> routeNode)
    {
        WordDictionary dictionary = _dictionary;
        int n = run.Length;
        double unknown = dictionary.UnknownLogProbability;
        score[n] = 0;
        for (int i = n - 1; i >= 0; i--)
        {
            int node = dictionary.Step(0, run[i]);
            int bestNode = -1;
            double best = unknown + score[i + 1];
            if (node > 0 && dictionary.IsWord(node))
            {
                best = dictionary.LogProbability(node) + score[i + 1];
                bestNode = node;
            }

            int bestEnd = i + 1;
            for (int j = i + 1; node > 0 && j < n; j++)
            {
                node = dictionary.Step(node, run[j]);
                if (node < 0)
                {
                    break;
                }

                if (dictionary.IsWord(node))
                {
                    double candidate = dictionary.LogProbability(node) + score[j + 1];
                    if (candidate >= best)
                    {
                        best = candidate;
                        bestEnd = j + 1;
                        bestNode = node;
                    }
                }
            }

            score[i] = best;
            routeEnd[i] = bestEnd;
            routeNode[i] = bestNode;
        }
    }

    /// <summary>Walks the route; consecutive single characters that are not a dictionary word together go to the HMM.</summary>
    private void Emit(ReadOnlySpan<char> run, Span<int> routeEnd, Span<int> routeNode, List<WordSpan> words)
    {
        int n = run.Length;
        int singlesStart = -1;
        int i = 0;
        while (i < n)
        {
            int end = routeEnd[i];
            if (end - i == 1)
            {
                if (singlesStart < 0)
                {
                    singlesStart = i;
                }
            }
            else
            {
                if (singlesStart >= 0)
                {
                    EmitSingles(run, singlesStart, i, routeNode, words);
                    singlesStart = -1;
                }

                words.Add(new WordSpan(i, end - i, routeNode[i]));
            }

            i = end;
        }

        if (singlesStart >= 0)
        {
            EmitSingles(run, singlesStart, n, routeNode, words);
        }
    }

    private void EmitSingles(ReadOnlySpan<char> run, int start, int end, Span<int> routeNode, List<WordSpan> words)
    {
        if (end - start == 1)
        {
            words.Add(new WordSpan(start, 1, routeNode[start]));
            return;
        }

        ReadOnlySpan<char> buffer = run[start..end];
        if (_dictionary.Find(buffer) >= 0)
        {
            for (int k = start; k < end; k++)
            {
                words.Add(new WordSpan(k, 1, routeNode[k]));
            }

            return;
        }

        List<(int Start, int Length)> hmmWords = t_hmmWords ??= new List<(int Start, int Length)>(64);
        hmmWords.Clear();
        _hmm.Cut(buffer, hmmWords);
        foreach ((int wordStart, int length) in hmmWords)
        {
            int node = length == 1 ? routeNode[start + wordStart] : _dictionary.Find(buffer.Slice(wordStart, length));
            words.Add(new WordSpan(start + wordStart, length, node));
        }
    }
}
