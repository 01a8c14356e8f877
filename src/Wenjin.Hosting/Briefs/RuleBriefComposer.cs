using System.Diagnostics;
using Wenjin.Analysis;
using Wenjin.Answers;
using Wenjin.Briefs;
using Wenjin.Extraction;
using Wenjin.Hosting.Search;
using Wenjin.Storage;
using Wenjin.Text.Chunking;
using Wenjin.Text.Extraction;

namespace Wenjin.Hosting.Briefs;

/// <summary>
/// The model-free brief: sentences taken verbatim from the chunks retrieved for the topic, each cited where it stands in
/// its document. A sentence is scored by the share of the topic's idf it covers (the words of the topic it holds,
/// weighted by rarity; a word found only in its document's title or its heading counts half, as the sentence's
/// context), discounted by its chunk's rank, with a bonus for stating a number and a larger one for stating an outcome
/// metric ("准确率达到97.6%", "由32分钟缩短至4分钟": briefs are read for facts and figures); a sentence with an outcome
/// metric needs only half the coverage. Label lines ("需求方：…供给方：…") and lead-ins that end with a colon are
/// not sentences of a report and are left out. Sentences that cover less than <see cref="MinCoverage"/>, are too short or too long, or repeat a
/// sentence already chosen (character-bigram containment ≥ <see cref="DuplicateContainment"/>) are left out. The
/// chosen sentences are grouped under their document's title — documents in order of their best sentence, sentences
/// in document order — at most <see cref="MaxPerDocument"/> per document. Thread-safe.
/// </summary>
internal sealed class RuleBriefComposer
{
    /// <summary>The least share of the topic's idf a sentence must hold.</summary>
    public const double MinCoverage = 0.3;

    private const double ContextShare = 0.5;

    public const double DuplicateContainment = 0.6;

    public const int MaxPerDocument = 4;

    private const int MinSentenceCharacters = 10;
    private const int MaxSentenceCharacters = 240;
    private const double NumberBonus = 0.1;
    private const double MetricBonus = 0.25;
    private const double RankDiscount = 0.05;

    private readonly IKnowledgeStore _store;
    private readonly ITextAnalyzer _analyzer;
    private readonly SentenceSplitter _splitter = new(MaxSentenceCharacters);
    private readonly MetricExtractor _metrics = new();

    public RuleBriefComposer(IKnowledgeStore store, ITextAnalyzer analyzer)
    {
        _store = store;
        _analyzer = analyzer;
    }

    public Brief Compose(string kb, string topic, Retrieval retrieval, int maxSentences, Stopwatch clock)
    {
        var weights = retrieval.Query.Terms
            .Select(t => (t.Term, Weight: Math.Max(0.1, retrieval.Idf(t.Term)) * t.Weight))
            .ToDictionary(t => t.Term, t => t.Weight, StringComparer.Ordinal);
        double total = weights.Values.Sum();
        var candidates = new List<Candidate>();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenSpans = new HashSet<(string, int)>();
        for (int rank = 0; rank < retrieval.Chunks.Count && total > 0; rank++)
        {
            var chunk = retrieval.Chunks[rank].Candidate;
            if (!texts.TryGetValue(chunk.DocId, out string? text))
            {
                text = _store.GetDocumentText(kb, chunk.DocId) ?? string.Empty;
                texts[chunk.DocId] = text;
            }

            if (chunk.End > text.Length || chunk.Start >= chunk.End)
            {
                continue;
            }

            var spans = new List<SentenceSpan>();
            _splitter.Split(text.AsSpan(chunk.Start, chunk.End - chunk.Start), spans, chunk.Start);
            foreach (var span in spans)
            {
                var (start, end) = Trim(text, span.Start, span.End);
                if (end - start < MinSentenceCharacters || end - start > MaxSentenceCharacters || !seenSpans.Add((chunk.DocId, start)))
                {
                    continue;
                }

                string sentence = text[start..end];
                if (IsLabelsOrLeadIn(sentence))
                {
                    continue;
                }

                bool metric = _metrics.Extract(sentence).Count > 0;
                double coverage = Coverage(sentence, chunk, weights) / total;
                if (coverage < (metric ? MinCoverage / 2 : MinCoverage))
                {
                    continue;
                }

                double bonus = metric ? MetricBonus : sentence.Any(char.IsAsciiDigit) ? NumberBonus : 0;
                double score = (coverage / (1 + (RankDiscount * rank))) + bonus;
                candidates.Add(new Candidate(chunk, sentence, start, end, score, rank));
            }
        }

        var chosen = new List<Candidate>();
        var perDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Rank).ThenBy(c => c.Start))
        {
            if (chosen.Count >= maxSentences)
            {
                break;
            }

            int count = perDocument.GetValueOrDefault(candidate.Chunk.DocId);
            if (count >= MaxPerDocument || chosen.Any(c => BigramContainment(candidate.Text, c.Text) >= DuplicateContainment || BigramContainment(c.Text, candidate.Text) >= DuplicateContainment))
            {
                continue;
            }

            perDocument[candidate.Chunk.DocId] = count + 1;
            chosen.Add(candidate);
        }

        var citations = new List<Citation>();
        var sections = new List<BriefSection>();
        foreach (var document in chosen.GroupBy(c => c.Chunk.DocId))
        {
            var first = document.First().Chunk;
            var sentences = new List<BriefSentence>();
            foreach (var candidate in document.OrderBy(c => c.Start))
            {
                var citation = new Citation(citations.Count + 1, first.DocId, first.SourceId, first.Title, candidate.Chunk.PageAt(candidate.Start), candidate.Text, candidate.Start, candidate.End);
                citations.Add(citation);
                sentences.Add(new BriefSentence(candidate.Text, [citation.Index]));
            }

            sections.Add(new BriefSection(first.Title ?? first.SourceId, sentences));
        }

        return new Brief(topic, sections, citations, ExtractionMethods.Rules, clock.Elapsed.TotalMilliseconds)
        {
            Note = sections.Count == 0 ? "知识库中没有找到与这个主题相关的内容。" : null,
        };
    }

    private double Coverage(string sentence, ChunkCandidate chunk, Dictionary<string, double> weights)
    {
        var tokens = new List<AnalyzedToken>();
        _analyzer.Analyze(sentence, tokens);
        var own = tokens.Select(t => t.Term).ToHashSet(StringComparer.Ordinal);
        var context = chunk.TitleTerms.Concat(chunk.HeadingTerms).Where(t => !own.Contains(t)).ToHashSet(StringComparer.Ordinal);
        return own.Sum(t => weights.GetValueOrDefault(t)) + (ContextShare * context.Sum(t => weights.GetValueOrDefault(t)));
    }

    private static bool IsLabelsOrLeadIn(string sentence) =>
        sentence.EndsWith('：') || sentence.EndsWith(':') || sentence.Count(c => c == '：') > 1;

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && (char.IsWhiteSpace(text[start]) || text[start] is '#' or '-' or '*' or '>' or '|'))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>The share of <paramref name="a"/>'s character bigrams (white space ignored) that occur in <paramref name="b"/>.</summary>
    private static double BigramContainment(string a, string b)
    {
        var left = Bigrams(a);
        if (left.Count == 0)
        {
            return 0;
        }

        var right = Bigrams(b);
        return (double)left.Count(right.Contains) / left.Count;
    }

    private static HashSet<(char, char)> Bigrams(string text)
    {
        var characters = text.Where(c => !char.IsWhiteSpace(c)).ToArray();
        var bigrams = new HashSet<(char, char)>();
        for (int i = 1; i < characters.Length; i++)
        {
            bigrams.Add((characters[i - 1], characters[i]));
        }

        return bigrams;
    }

    private sealed record Candidate(ChunkCandidate Chunk, string Text, int Start, int End, double Score, int Rank);
}
