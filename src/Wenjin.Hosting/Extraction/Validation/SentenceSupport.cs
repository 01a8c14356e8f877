using System.Text.RegularExpressions;

namespace Wenjin.Hosting.Extraction;

/// <summary>
/// Decides whether free text (a summary) is supported by a document, sentence by sentence. The measure is
/// character-bigram containment: the share of a text sentence's distinct character pairs (letters, digits and CJK
/// characters only; punctuation dropped) that occur in the supporting document sentence(s). A text sentence is
/// supported when one document sentence, or the best pair of document sentences, contains at least
/// <see cref="Threshold"/> of its pairs AND every number it writes (9.27, 1,487, 2024) occurs in them — a changed
/// figure is the one error a high overlap hides. Containment rather than similarity because a good summary sentence
/// is a shortened document sentence. The text is supported when all its sentences are.
/// </summary>
internal sealed partial class SentenceSupport
{
    /// <summary>The least bigram containment that supports a sentence.</summary>
    public const double Threshold = 0.6;

    private readonly FoldedText _document;
    private readonly List<(int Start, int End, HashSet<int> Bigrams)> _sentences = [];

    public SentenceSupport(FoldedText document)
    {
        _document = document;
        int start = 0;
        foreach (int end in document.SentenceEnds)
        {
            _sentences.Add((start, end, Bigrams(document.Value.AsSpan(start, end - start))));
            start = end;
        }
    }

    public SupportCheck Check(string text)
    {
        var folded = FoldedText.Create(text);
        var supporting = new SortedSet<int>();
        int start = 0;
        foreach (int end in folded.SentenceEnds)
        {
            string sentence = folded.Value[start..end];
            start = end;
            var bigrams = Bigrams(sentence);
            if (bigrams.Count == 0)
            {
                continue;
            }

            int[]? found = Support(sentence, bigrams);
            if (found is null)
            {
                return new SupportCheck(false, [], sentence);
            }

            supporting.UnionWith(found);
        }

        return supporting.Count == 0
            ? new SupportCheck(false, [], folded.Value)
            : new SupportCheck(true, [.. supporting.Select(i => (_sentences[i].Start, _sentences[i].End))], null);
    }

    private int[]? Support(string sentence, HashSet<int> bigrams)
    {
        int best = -1, bestCount = -1;
        for (int i = 0; i < _sentences.Count; i++)
        {
            int count = Overlap(bigrams, _sentences[i].Bigrams, null);
            if (count > bestCount)
            {
                (best, bestCount) = (i, count);
            }
        }

        if (best < 0)
        {
            return null;
        }

        if (Accepts(sentence, bigrams, bestCount, [best]))
        {
            return [best];
        }

        int second = -1, secondCount = -1;
        for (int i = 0; i < _sentences.Count; i++)
        {
            int count = i == best ? -1 : Overlap(bigrams, _sentences[i].Bigrams, _sentences[best].Bigrams);
            if (count > secondCount)
            {
                (second, secondCount) = (i, count);
            }
        }

        int[] pair = [Math.Min(best, second), Math.Max(best, second)];
        return second >= 0 && Accepts(sentence, bigrams, bestCount + secondCount, pair) ? pair : null;
    }

    private bool Accepts(string sentence, HashSet<int> bigrams, int contained, int[] sentences)
    {
        if (contained < Threshold * bigrams.Count)
        {
            return false;
        }

        foreach (Match number in NumberPattern().Matches(sentence))
        {
            if (!sentences.Any(i => _document.Value.AsSpan(_sentences[i].Start, _sentences[i].End - _sentences[i].Start).Contains(number.Value, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    // Pairs of `bigrams` in `candidate` and not already in `covered`.
    private static int Overlap(HashSet<int> bigrams, HashSet<int> candidate, HashSet<int>? covered)
    {
        int count = 0;
        foreach (int bigram in bigrams)
        {
            if (candidate.Contains(bigram) && (covered is null || !covered.Contains(bigram)))
            {
                count++;
            }
        }

        return count;
    }

    private static HashSet<int> Bigrams(ReadOnlySpan<char> text)
    {
        var set = new HashSet<int>();
        char previous = '\0';
        foreach (char c in text)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            if (previous != '\0')
            {
                set.Add((previous << 16) | c);
            }

            previous = c;
        }

        return set;
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
