using Wenjin.Text.Normalization;
using Wenjin.Text.Segmentation;

namespace Wenjin.Text.Extraction;

/// <summary>
/// The words of a <see cref="JoinedText"/> view: CJK runs segmented by <see cref="ChineseSegmenter"/> on the folded
/// view (Simplified, lower case), runs of letters and digits (with inner '.', '-', '_') as one word each; punctuation and
/// white space belong to no word. <see cref="Folded"/> is the folded view, the same length as the view, for comparing
/// with folded word lists. Linear in the view length.
/// </summary>
internal sealed class WordSegmentation
{
    private readonly List<ViewWord> _words;
    private readonly int[] _wordAt;

    private WordSegmentation(string folded, List<ViewWord> words, int[] wordAt)
    {
        Folded = folded;
        _words = words;
        _wordAt = wordAt;
    }

    public string Folded { get; }

    public IReadOnlyList<ViewWord> Words => _words;

    public static WordSegmentation Create(JoinedText text)
    {
        CharacterFolder folder = CharacterFolder.Shared;
        string folded = folder.Fold(text.View);
        var words = new List<ViewWord>(folded.Length / 2 + 1);
        var wordAt = new int[folded.Length];
        Array.Fill(wordAt, -1);
        var spans = new List<WordSpan>();
        int i = 0;
        while (i < folded.Length)
        {
            char c = folded[i];
            if (folder.Classify(c) == CharClass.Cjk)
            {
                int end = i + 1;
                while (end < folded.Length && folder.Classify(folded[end]) == CharClass.Cjk)
                {
                    end++;
                }

                spans.Clear();
                ChineseSegmenter.Shared.Segment(folded.AsSpan(i, end - i), spans);
                foreach (WordSpan span in spans)
                {
                    Add(words, wordAt, new ViewWord(i + span.Start, i + span.Start + span.Length, IsCjk: true, Known: span.Node >= 0));
                }

                i = end;
            }
            else if (char.IsLetterOrDigit(c))
            {
                int end = i + 1;
                while (end < folded.Length)
                {
                    char d = folded[end];
                    if (char.IsLetterOrDigit(d) && folder.Classify(d) != CharClass.Cjk)
                    {
                        end++;
                    }
                    else if (d is '.' or '-' or '_'
                        && end + 1 < folded.Length
                        && char.IsLetterOrDigit(folded[end + 1])
                        && folder.Classify(folded[end + 1]) != CharClass.Cjk)
                    {
                        end += 2;
                    }
                    else
                    {
                        break;
                    }
                }

                Add(words, wordAt, new ViewWord(i, end, IsCjk: false, Known: false));
                i = end;
            }
            else
            {
                i++;
            }
        }

        return new WordSegmentation(folded, words, wordAt);
    }

    /// <summary>The index in <see cref="Words"/> of the word holding view offset <paramref name="index"/>, or -1.</summary>
    public int WordIndexAt(int index) => index >= 0 && index < _wordAt.Length ? _wordAt[index] : -1;

    /// <summary>True when a word starts at <paramref name="index"/>.</summary>
    public bool StartsWord(int index)
    {
        int w = WordIndexAt(index);
        return w >= 0 && _words[w].Start == index;
    }

    /// <summary>True when a word ends at <paramref name="index"/> (the character before it is a word's last).</summary>
    public bool EndsWord(int index)
    {
        int w = WordIndexAt(index - 1);
        return w >= 0 && _words[w].End == index;
    }

    /// <summary>The folded text of word <paramref name="w"/>.</summary>
    public ReadOnlySpan<char> FoldedWord(int w) => Folded.AsSpan(_words[w].Start, _words[w].Length);

    private static void Add(List<ViewWord> words, int[] wordAt, ViewWord word)
    {
        for (int k = word.Start; k < word.End; k++)
        {
            wordAt[k] = words.Count;
        }

        words.Add(word);
    }
}
