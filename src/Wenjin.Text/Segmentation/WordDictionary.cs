using System.Runtime.CompilerServices;
using Wenjin.Text.Normalization;

namespace Wenjin.Text.Segmentation;

/// <summary>
/// jieba's word list as a prefix trie over folded (Simplified, lower-case) text, with each word's log probability
/// log(freq / total). Words that are not purely CJK are left out: the analyzer only segments CJK runs. Words that fold
/// to the same text (Traditional and Simplified forms) have their frequencies added. Immutable after loading.
/// </summary>
/// <remarks>
/// Layout: children of the root are found by a 64K table indexed by character; children of deeper nodes are stored
/// contiguously per node, sorted by character, and found by binary search. Node 0 is the root.
/// </remarks>
internal sealed class WordDictionary
{
    /// <summary>Longer dictionary entries are idioms and slogans no one searches for as one term.</summary>
    private const int MaxWordLength = 32;

    private readonly int[] _rootChildren;
    private readonly int[] _childStart;
    private readonly char[] _childLabels;
    private readonly int[] _childNodes;
    private readonly double[] _logProbabilities;
    private readonly string?[] _words;

    private WordDictionary(int[] rootChildren, int[] childStart, char[] childLabels, int[] childNodes, double[] logProbabilities, string?[] words, double unknownLogProbability, int wordCount)
    {
        _rootChildren = rootChildren;
        _childStart = childStart;
        _childLabels = childLabels;
        _childNodes = childNodes;
        _logProbabilities = logProbabilities;
        _words = words;
        UnknownLogProbability = unknownLogProbability;
        WordCount = wordCount;
    }

    /// <summary>log(1 / total): the score jieba gives a character that is not in the dictionary.</summary>
    public double UnknownLogProbability { get; }

    public int WordCount { get; }

    /// <summary>The child of <paramref name="node"/> labelled <paramref name="c"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Step(int node, char c)
    {
        if (node == 0)
        {
            int child = _rootChildren[c];
            return child == 0 ? -1 : child;
        }

        return StepDeep(node, c);
    }

    /// <summary>True when the path to <paramref name="node"/> spells a word (not only a prefix of one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsWord(int node) => _words[node] is not null;

    /// <summary>The word's log probability; only meaningful when <see cref="IsWord"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double LogProbability(int node) => _logProbabilities[node];

    /// <summary>The word spelled by <paramref name="node"/> (shared instance, so terms from the dictionary allocate nothing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? WordAt(int node) => _words[node];

    /// <summary>The node of <paramref name="word"/> when it is a dictionary word, otherwise -1.</summary>
    public int Find(ReadOnlySpan<char> word)
    {
        int node = 0;
        foreach (char c in word)
        {
            node = Step(node, c);
            if (node < 0)
            {
                return -1;
            }
        }

        return node > 0 && IsWord(node) ? node : -1;
    }

    // Runs once: compiled optimized straight away instead of through the unoptimized first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static WordDictionary Load(CharacterFolder folder)
    {
        string text = EmbeddedResource.ReadAllText("jieba.dict.utf8.gz");

        // Root edges go straight into the 64K table; deeper edges are collected as (parent << 16 | label) -> child and
        // then laid out contiguously per parent, sorted by label.
        var rootChildren = new int[65536];
        var deepEdges = new Dictionary<long, int>(1 << 19);
        int capacity = 1 << 20;
        var frequencies = new long[capacity];
        var words = new string?[capacity];
        int nodeCount = 1;
        long total = 0;
        Span<char> key = stackalloc char[MaxWordLength];

        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            // Lines are "word frequency tag".
            int newline = rest.IndexOf('\n');
            ReadOnlySpan<char> line = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? default : rest[(newline + 1)..];
            int space = line.IndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            long frequency = 0;
            for (int k = space + 1; k < line.Length && char.IsAsciiDigit(line[k]); k++)
            {
                frequency = (frequency * 10) + (line[k] - '0');
            }

            if (frequency <= 0)
            {
                continue;
            }

            total += frequency;
            ReadOnlySpan<char> word = line[..space];
            if (word.Length > MaxWordLength)
            {
                continue;
            }

            Span<char> folded = key[..word.Length];
            folder.Fold(word, folded);
            if (!IsAllCjk(folder, folded))
            {
                continue;
            }

            int node = 0;
            foreach (char c in folded)
            {
                int child;
                if (node == 0)
                {
                    child = rootChildren[c];
                    if (child == 0)
                    {
                        child = rootChildren[c] = nodeCount++;
                    }
                }
                else
                {
                    long edge = ((long)node << 16) | c;
                    if (!deepEdges.TryGetValue(edge, out child))
                    {
                        child = nodeCount++;
                        deepEdges.Add(edge, child);
                    }
                }

                if (nodeCount > capacity)
                {
                    capacity *= 2;
                    Array.Resize(ref frequencies, capacity);
                    Array.Resize(ref words, capacity);
                }

                node = child;
            }

            frequencies[node] += frequency;
            words[node] ??= folded.ToString();
        }

        // Counting sort of the deeper edges by parent, then by label within each (mostly tiny) group.
        var childStart = new int[nodeCount + 1];
        foreach (long edge in deepEdges.Keys)
        {
            childStart[(int)(edge >> 16) + 1]++;
        }

        for (int i = 0; i < nodeCount; i++)
        {
            childStart[i + 1] += childStart[i];
        }

        var fill = new int[nodeCount];
        Array.Copy(childStart, fill, nodeCount);
        var childLabels = new char[deepEdges.Count];
        var childNodes = new int[deepEdges.Count];
        foreach (KeyValuePair<long, int> pair in deepEdges)
        {
            int slot = fill[(int)(pair.Key >> 16)]++;
            childLabels[slot] = (char)(pair.Key & 0xFFFF);
            childNodes[slot] = pair.Value;
        }

        for (int parent = 1; parent < nodeCount; parent++)
        {
            int count = childStart[parent + 1] - childStart[parent];
            if (count > 1)
            {
                Array.Sort(childLabels, childNodes, childStart[parent], count);
            }
        }

        double logTotal = Math.Log(total);
        var logProbabilities = new double[nodeCount];
        Array.Resize(ref words, nodeCount);
        int wordCount = 0;
        for (int i = 0; i < nodeCount; i++)
        {
            if (words[i] is not null)
            {
                logProbabilities[i] = Math.Log(frequencies[i]) - logTotal;
                wordCount++;
            }
        }

        return new WordDictionary(rootChildren, childStart, childLabels, childNodes, logProbabilities, words, -logTotal, wordCount);
    }

    private static bool IsAllCjk(CharacterFolder folder, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (folder.Classify(c) != CharClass.Cjk)
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private int StepDeep(int node, char c)
    {
        int lo = _childStart[node];
        int hi = _childStart[node + 1] - 1;
        char[] labels = _childLabels;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            char label = labels[mid];
            if (label == c)
            {
                return _childNodes[mid];
            }

            if (label < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}
