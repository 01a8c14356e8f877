using System.Diagnostics;
using Wenjin.Analysis;
using Wenjin.Answers;
using Wenjin.Hosting.Search;
using Wenjin.Storage;
using Wenjin.Text.Chunking;

namespace Wenjin.Hosting.Answering;

/// <summary>
/// Answers a question without a model: retrieves chunks, picks the sentence(s) that best cover the question and hold
/// the kind of thing asked for, and returns them verbatim with citations whose quotes are spans of the stored document
/// text. Refuses when the evidence is weak or lacks what the question is about, citing the closest passages.
/// </summary>
public sealed class AnswerExtractor
{
    private const string RefusalZh = "知识库中没有找到这个问题的答案。";
    private const string RefusalEn = "The knowledge base does not contain an answer to this question.";

    private readonly IKnowledgeStore _store;
    private readonly ChunkRetriever _retriever;
    private readonly ITextAnalyzer _analyzer;
    private readonly SentenceSplitter _splitter;
    private readonly AnswerOptions _options;

    public AnswerExtractor(IKnowledgeStore store, ChunkRetriever retriever, ITextAnalyzer analyzer, AnswerOptions options)
    {
        _store = store;
        _retriever = retriever;
        _analyzer = analyzer;
        _options = options;
        _splitter = new SentenceSplitter();
    }

    public AskResult Answer(string kb, string question) => Answer(kb, question, out _);

    /// <summary>Answers and also hands back the retrieval it was based on (for evaluation of retrieval and answers in one pass).</summary>
    public AskResult Answer(string kb, string question, out Retrieval retrieval)
    {
        var clock = Stopwatch.StartNew();
        var query = _retriever.Analyze(question);
        retrieval = _retriever.Retrieve(kb, query, Math.Max(10, Math.Max(_options.PassagesRead, _options.RefusalCitations)), explain: false);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (retrieval.Chunks.Count == 0)
        {
            return Refuse(kb, question, retrieval, texts, "no passage shares a content word with the question", clock);
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        double total = 0;
        foreach (var term in query.Terms)
        {
            double w = term.Weight * retrieval.Idf(term.Term);
            weights[term.Term] = w;
            total += w;
        }

        var best = retrieval.Chunks[0];
        if (best.Coverage < _options.MinChunkCoverage)
        {
            return Refuse(kb, question, retrieval, texts, $"the best passage covers only {best.Coverage:P0} of the question", clock);
        }

        if (MissingRareTerm(query, retrieval, best) is { } missing)
        {
            return Refuse(kb, question, retrieval, texts, $"the best passage does not mention \"{missing}\"", clock);
        }

        var sentences = new List<CandidateSentence>();
        var tokens = new List<AnalyzedToken>();
        var spans = new List<SentenceSpan>();
        int read = Math.Min(_options.PassagesRead, retrieval.Chunks.Count);
        double topScore = Math.Max(1e-9, best.Score);
        for (int rank = 0; rank < read; rank++)
        {
            var chunk = retrieval.Chunks[rank];
            if (chunk.Coverage < _options.MinChunkCoverage)
            {
                continue;
            }

            string text = DocumentText(kb, chunk.Candidate.DocId, texts);
            int start = Math.Clamp(chunk.Candidate.Start, 0, text.Length);
            int end = Math.Clamp(chunk.Candidate.End, start, text.Length);
            spans.Clear();
            _splitter.Split(text.AsSpan(start, end - start), spans, start);
            foreach (var span in spans)
            {
                string sentence = text[span.Start..span.End];
                tokens.Clear();
                _analyzer.Analyze(sentence, tokens);
                double covered = 0;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var token in tokens)
                {
                    if (weights.TryGetValue(token.Term, out double w) && seen.Add(token.Term))
                    {
                        covered += w;
                    }
                }

                double coverage = total > 0 ? covered / total : 0;
                double typeMatch = AnswerTypeMatcher.Match(query.Kind, sentence);
                double score = (_options.SentenceCoverageWeight * coverage)
                    + (_options.ChunkRankWeight * chunk.Score / topScore)
                    + (_options.AnswerTypeWeight * typeMatch);
                sentences.Add(new CandidateSentence(rank, span.Start, span.End, sentence, coverage, typeMatch, score));
            }
        }

        var chosen = sentences.OrderByDescending(s => s.Score).FirstOrDefault();
        if (chosen is null || chosen.Coverage < _options.MinSentenceCoverage)
        {
            return Refuse(kb, question, retrieval, texts, "no sentence in the best passages speaks about the question", clock);
        }

        if (AnswerTypeMatcher.IsStrict(query.Kind) && chosen.TypeMatch == 0)
        {
            return Refuse(kb, question, retrieval, texts, $"the evidence has no {(query.Kind == QuestionKind.Time ? "date or time" : "number")} for a {query.Kind} question", clock);
        }

        var parts = new List<CandidateSentence> { chosen };
        if (query.Kind == QuestionKind.List || chosen.Text.EndsWith('：') || chosen.Text.EndsWith(':'))
        {
            parts.AddRange(sentences.Where(s => s.ChunkRank == chosen.ChunkRank && s.Start >= chosen.End).OrderBy(s => s.Start).Take(2));
        }

        var chunkOf = retrieval.Chunks[chosen.ChunkRank].Candidate;
        var citations = new List<Citation>();
        foreach (var part in parts)
        {
            citations.Add(new Citation(citations.Count + 1, chunkOf.DocId, chunkOf.SourceId, chunkOf.Title, chunkOf.Page, part.Text, part.Start, part.End));
        }

        string answer = string.Concat(parts.Select(p => p.Text));
        return new AskResult(question, answer, false, clock.Elapsed.TotalMilliseconds, citations)
        {
            Confidence = Math.Round(Math.Min(1, chosen.Coverage * best.Coverage), 3),
            Reason = $"answered from passage {chosen.ChunkRank + 1}: the sentence covers {chosen.Coverage:P0} of the question, the passage {retrieval.Chunks[chosen.ChunkRank].Coverage:P0}",
        };
    }

    private string? MissingRareTerm(AnalyzedQuery query, Retrieval retrieval, RankedChunk best)
    {
        foreach (var term in query.Terms)
        {
            if (term.Weight < 1 || retrieval.Idf(term.Term) < _options.RareTermIdf)
            {
                continue;
            }

            var c = best.Candidate;
            if (!c.BodyTerms.Contains(term.Term) && !c.HeadingTerms.Contains(term.Term) && !c.TitleTerms.Contains(term.Term))
            {
                return term.Term;
            }
        }

        return null;
    }

    private AskResult Refuse(string kb, string question, Retrieval retrieval, Dictionary<string, string> texts, string reason, Stopwatch clock)
    {
        var citations = new List<Citation>();
        foreach (var chunk in retrieval.Chunks.Take(_options.RefusalCitations))
        {
            var c = chunk.Candidate;
            string text = DocumentText(kb, c.DocId, texts);
            int start = Math.Clamp(c.Start, 0, text.Length);
            int end = Math.Clamp(c.End, start, text.Length);
            citations.Add(new Citation(citations.Count + 1, c.DocId, c.SourceId, c.Title, c.Page, text[start..end], start, end));
        }

        return new AskResult(question, IsMostlyLatin(question) ? RefusalEn : RefusalZh, true, clock.Elapsed.TotalMilliseconds, citations)
        {
            Reason = reason,
        };
    }

    private string DocumentText(string kb, string docId, Dictionary<string, string> cache)
    {
        if (!cache.TryGetValue(docId, out string? text))
        {
            text = _store.GetDocumentText(kb, docId) ?? string.Empty;
            cache[docId] = text;
        }

        return text;
    }

    private static bool IsMostlyLatin(string text)
    {
        int latin = 0, cjk = 0;
        foreach (char ch in text)
        {
            if (char.IsAsciiLetter(ch))
            {
                latin++;
            }
            else if (ch >= '\u3400' && ch <= '\u9fff')
            {
                cjk++;
            }
        }

        return latin > cjk * 2;
    }
}
