using Wenjin.Analysis;
using Wenjin.Text.Normalization;

namespace Wenjin.Text.Analysis;

/// <summary>
/// Analyzes a question with the knowledge base's <see cref="ITextAnalyzer"/>, then removes question words (什么, 多少,
/// 哪些, how many …) and fillers (请问, 告诉我, 一下 …), classifies the <see cref="QuestionKind"/>, and merges duplicate
/// terms. Question words are recognized as whole segmented words, so 几乎 and 哪吒 stay content words.
/// </summary>
/// <remarks>
/// Weights: a term weighs 1 for each occurrence as a word and <see cref="RecallTermWeight"/> for each occurrence as a
/// recall sub-term (a sub-word or bigram sharing its word's position), so a query word outweighs the fragments emitted
/// to bridge segmentation differences. Positions in <see cref="AnalyzedQuery.Sequence"/> and
/// <see cref="QueryTerm.Position"/> are renumbered over the kept words, so removing 什么时候 from 华为什么时候发布 leaves
/// 华为 and 发布 adjacent, as they are in a document saying 华为发布.
/// </remarks>
public sealed class QueryAnalyzer : IQueryAnalyzer
{
    /// <summary>Weight of a recall sub-term (sub-word or bigram of a longer word) relative to a word.</summary>
    public const double RecallTermWeight = 0.5;

    private static readonly Lazy<QueryAnalyzer> SharedInstance = new(() => new QueryAnalyzer(ChineseAnalyzer.Shared), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ITextAnalyzer _analyzer;

    public QueryAnalyzer(ITextAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        _analyzer = analyzer;
    }

    /// <summary>The query analyzer over <see cref="ChineseAnalyzer.Shared"/>.</summary>
    public static QueryAnalyzer Shared => SharedInstance.Value;

    public ITextAnalyzer TextAnalyzer => _analyzer;

    public AnalyzedQuery Analyze(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var tokens = new List<AnalyzedToken>();
        _analyzer.Analyze(question, tokens);
        ReattachLeadingCharacters(tokens);

        // Words: runs of tokens sharing a position; the first token of a run is the word, the rest are recall terms.
        var wordStarts = new List<int>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (i == 0 || tokens[i].Position != tokens[i - 1].Position)
            {
                wordStarts.Add(i);
            }
        }

        int wordCount = wordStarts.Count;
        var dropped = new bool[wordCount];
        var signals = new HashSet<QuestionKind>();
        var removed = new List<string>();
        for (int w = 0; w < wordCount; w++)
        {
            if (dropped[w])
            {
                continue;
            }

            string term = tokens[wordStarts[w]].Term;
            string? next = w + 1 < wordCount ? tokens[wordStarts[w + 1]].Term : null;
            if (QuestionVocabulary.QuestionWords.TryGetValue(term, out QuestionKind kind))
            {
                if (!ClassifyQuestionWord(term, next, ref kind, out bool dropNext))
                {
                    continue;
                }

                dropped[w] = true;
                removed.Add(term);
                if (dropNext)
                {
                    dropped[w + 1] = true;
                    removed.Add(next!);
                }

                if (kind == QuestionKind.Quantity && !dropNext && next is not null && QuestionVocabulary.QuantityUnits.Contains(next))
                {
                    dropped[w + 1] = true;
                    removed.Add(next);
                }

                // 有多少 / 有什么 / 有哪些: the 有 carries nothing; "there are what …" asks for a list.
                if (w > 0 && !dropped[w - 1] && tokens[wordStarts[w - 1]].Term == "有")
                {
                    dropped[w - 1] = true;
                    removed.Add("有");
                    if (kind is QuestionKind.Definition or QuestionKind.List)
                    {
                        kind = QuestionKind.List;
                    }
                }

                if (kind != QuestionKind.Other)
                {
                    signals.Add(kind);
                }
            }
            else if (QuestionVocabulary.Fillers.Contains(term))
            {
                dropped[w] = true;
                removed.Add(term);
            }
            else if (term.StartsWith("多少", StringComparison.Ordinal))
            {
                // 多少亿, 多少万元 …: the number asked for, with its unit.
                dropped[w] = true;
                removed.Add(term);
                signals.Add(QuestionKind.Quantity);
            }
            else if (term == "原因" || term == "reason")
            {
                signals.Add(QuestionKind.Reason);
            }
        }

        AddSentenceSignals(question, tokens, signals, removed);
        return Build(question, tokens, wordStarts, dropped, signals, removed);
    }

    /// <summary>
    /// Undoes a segmentation that let a question word swallow the end of the word before it: 华为什么时候 segments as
    /// 华 / 为什么 / 时候, but when 华 + 为 is itself a word and 什么 a question word, the question is 华为 / 什么 / 时候.
    /// </summary>
    private void ReattachLeadingCharacters(List<AnalyzedToken> tokens)
    {
        for (int i = 1; i < tokens.Count; i++)
        {
            AnalyzedToken word = tokens[i];
            AnalyzedToken previous = tokens[i - 1];
            bool isWord = word.Position != previous.Position;
            bool previousIsSingleWord = previous.Term.Length == 1 && (i < 2 || tokens[i - 2].Position != previous.Position);
            if (!isWord || !previousIsSingleWord || previous.End != word.Start || word.Term.Length < 3
                || !QuestionVocabulary.QuestionWords.ContainsKey(word.Term)
                || !QuestionVocabulary.QuestionWords.ContainsKey(word.Term[1..]))
            {
                continue;
            }

            string joined = previous.Term + word.Term[0];
            var probe = new List<AnalyzedToken>(2);
            _analyzer.Analyze(joined, probe);
            if (probe.Count != 1 || probe[0].Term != joined)
            {
                continue;
            }

            tokens[i - 1] = previous with { Term = joined, End = previous.End + 1 };
            tokens[i] = word with { Term = word.Term[1..], Start = word.Start + 1 };
        }
    }

    /// <summary>
    /// Refines the kind of a question word from the word after it. Returns false when the word is not a question word
    /// here (多 without a measure adjective).
    /// </summary>
    private static bool ClassifyQuestionWord(string term, string? next, ref QuestionKind kind, out bool dropNext)
    {
        dropNext = false;
        if (term == "多")
        {
            if (next is null || !QuestionVocabulary.MeasureAdjectives.Contains(next))
            {
                return false;
            }

            kind = QuestionKind.Quantity;
            dropNext = true;
            return true;
        }

        if (term == "how" && next is not null && QuestionVocabulary.HowQuantities.Contains(next))
        {
            kind = QuestionKind.Quantity;
            dropNext = true;
            return true;
        }

        if (QuestionVocabulary.Determiners.Contains(term) && next is not null && QuestionVocabulary.KindNouns.TryGetValue(next, out QuestionKind nounKind))
        {
            kind = nounKind;
            dropNext = QuestionVocabulary.EmptyKindNouns.Contains(next);
            return true;
        }

        if (term == "哪" && next is null)
        {
            // …总部在哪: 在 is dropped by the analyzer, a final 哪 asks for a place.
            kind = QuestionKind.Place;
        }

        return true;
    }

    /// <summary>Signals the analyzer cannot see: a final particle (吗 → yes/no) and an English auxiliary opening the question.</summary>
    private static void AddSentenceSignals(string question, List<AnalyzedToken> tokens, HashSet<QuestionKind> signals, List<string> removed)
    {
        CharacterFolder folder = CharacterFolder.Shared;
        int last = question.Length - 1;
        while (last >= 0 && !char.IsLetterOrDigit(question[last]))
        {
            last--;
        }

        // A particle stands alone: the analyzer dropped it, so no token ends on it (the 么 of 什么 is not one).
        if (last >= 0 && !tokens.Exists(t => t.End == last + 1))
        {
            char particle = folder.Fold(question[last]);
            if (QuestionVocabulary.Particles.Contains(particle, StringComparison.Ordinal))
            {
                removed.Add(particle.ToString());
                if (particle == '吗')
                {
                    signals.Add(QuestionKind.YesNo);
                }
            }
        }

        int first = 0;
        while (first < question.Length && !char.IsLetterOrDigit(question[first]))
        {
            first++;
        }

        int end = first;
        while (end < question.Length && char.IsAsciiLetter(question[end]))
        {
            end++;
        }

        if (end > first)
        {
            string opener = question[first..end].ToLowerInvariant();
            if (QuestionVocabulary.YesNoOpeners.Contains(opener))
            {
                signals.Add(QuestionKind.YesNo);
                if (!removed.Contains(opener))
                {
                    removed.Add(opener);
                }
            }
        }
    }

    private static AnalyzedQuery Build(string question, List<AnalyzedToken> tokens, List<int> wordStarts, bool[] dropped, HashSet<QuestionKind> signals, List<string> removed)
    {
        var sequence = new List<AnalyzedToken>(tokens.Count);
        var terms = new List<QueryTerm>();
        var termIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int position = 0;
        for (int w = 0; w < wordStarts.Count; w++)
        {
            if (dropped[w])
            {
                continue;
            }

            int end = w + 1 < wordStarts.Count ? wordStarts[w + 1] : tokens.Count;
            for (int t = wordStarts[w]; t < end; t++)
            {
                AnalyzedToken token = tokens[t];
                sequence.Add(token with { Position = position });
                double weight = t == wordStarts[w] ? 1.0 : RecallTermWeight;
                if (termIndex.TryGetValue(token.Term, out int index))
                {
                    terms[index] = terms[index] with { Weight = terms[index].Weight + weight };
                }
                else
                {
                    termIndex.Add(token.Term, terms.Count);
                    terms.Add(new QueryTerm(token.Term, weight, position));
                }
            }

            position++;
        }

        QuestionKind kind = QuestionKind.Other;
        foreach (QuestionKind candidate in QuestionVocabulary.Precedence)
        {
            if (signals.Contains(candidate))
            {
                kind = candidate;
                break;
            }
        }

        return new AnalyzedQuery(question, terms, kind) { Sequence = sequence, Removed = removed };
    }
}
