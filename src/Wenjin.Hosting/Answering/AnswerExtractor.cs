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
/// text. Refuses (see <see cref="RefusalPolicy"/>) when the evidence is weak or lacks what the question is about,
/// citing the closest passages instead.
/// </summary>
public sealed class AnswerExtractor
{
    private const string RefusalZh = "知识库中没有找到这个问题的答案。";
    private const string RefusalEn = "The knowledge base does not contain an answer to this question.";

    private readonly IKnowledgeStore _store;
    private readonly ChunkRetriever _retriever;
    private readonly ITextAnalyzer _analyzer;
    private readonly SentenceSplitter _splitter = new();
    private readonly AnswerOptions _options;
    private readonly RefusalPolicy _policy;

    public AnswerExtractor(IKnowledgeStore store, ChunkRetriever retriever, ITextAnalyzer analyzer, AnswerOptions options)
    {
        _store = store;
        _retriever = retriever;
        _analyzer = analyzer;
        _options = options;
        _policy = new RefusalPolicy(options);
    }

    public AskResult Answer(string kb, string question) => Answer(kb, question, out _);

    /// <summary>How many chunks answering reads; a caller retrieving for <see cref="Answer(string, string, Retrieval)"/> retrieves this many.</summary>
    public int RetrievalDepth => Math.Max(10, Math.Max(_options.PassagesRead, _options.RefusalCitations));

    /// <summary>Answers and also hands back the retrieval it was based on (for evaluation of retrieval and answers in one pass).</summary>
    public AskResult Answer(string kb, string question, out Retrieval retrieval)
    {
        retrieval = _retriever.Retrieve(kb, _retriever.Analyze(question), RetrievalDepth, explain: false);
        return Answer(kb, question, retrieval);
    }

    /// <summary>Answers from a retrieval the caller made (e.g. hybrid: lexical and vector rankings fused).</summary>
    public AskResult Answer(string kb, string question, Retrieval retrieval)
    {
        ArgumentNullException.ThrowIfNull(retrieval);
        var clock = Stopwatch.StartNew();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var evidence = Gather(kb, retrieval, texts);
        if (_policy.RefusalReason(evidence) is { } reason)
        {
            return Refuse(kb, question, evidence.Retrieval, texts, reason, clock);
        }

        var chosen = evidence.Chosen!;
        var chunk = evidence.Retrieval.Chunks[chosen.ChunkRank].Candidate;
        var citations = evidence.Sentences
            .Select((s, i) => new Citation(i + 1, chunk.DocId, chunk.SourceId, chunk.Title, chunk.PageAt(s.Start), s.Text, s.Start, s.End))
            .ToArray();
        return new AskResult(question, JoinParts(evidence.Sentences, texts[chunk.DocId]), false, clock.Elapsed.TotalMilliseconds, citations)
        {
            Confidence = Math.Round(Math.Min(1, chosen.Coverage * evidence.BestChunkCoverage), 3),
            Reason = $"answered from passage {chosen.ChunkRank + 1}: the sentence covers {chosen.Coverage:P0} of the question, the best passage {evidence.BestChunkCoverage:P0}",
        };
    }

    /// <summary>Retrieves and selects answer sentences without deciding whether to answer.</summary>
    public AnswerEvidence Gather(string kb, string question) =>
        Gather(kb, _retriever.Retrieve(kb, _retriever.Analyze(question), RetrievalDepth, explain: false), new Dictionary<string, string>(StringComparer.Ordinal));

    private AnswerEvidence Gather(string kb, Retrieval retrieval, Dictionary<string, string> texts)
    {
        var query = retrieval.Query;
        if (retrieval.Chunks.Count == 0)
        {
            return new AnswerEvidence(query, retrieval);
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        double total = 0;
        foreach (var term in query.Terms)
        {
            double w = term.Weight * retrieval.Idf(term.Term);
            weights[term.Term] = w;
            total += w;
        }

        // After fusion the first chunk may be a vector match that shares few words with the question; the evidence
        // about the question's coverage comes from the best-covering of the passages read.
        var best = retrieval.Fused || retrieval.Reranked
            ? retrieval.Chunks.Take(Math.Min(_options.PassagesRead, retrieval.Chunks.Count)).MaxBy(c => c.Coverage)!
            : retrieval.Chunks[0];
        var sentences = new List<AnswerSentence>();
        var tokens = new List<AnalyzedToken>();
        var spans = new List<SentenceSpan>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var context = new HashSet<string>(StringComparer.Ordinal);
        int read = Math.Min(_options.PassagesRead, retrieval.Chunks.Count);
        double topScore = Math.Max(1e-9, retrieval.Chunks[0].Score);
        for (int rank = 0; rank < read; rank++)
        {
            var chunk = retrieval.Chunks[rank];
            // The document's title and the chunk's headings name what every sentence under them is about ("体长可达
            // 19.7公分" under the title 高氏前肛鳗), so question terms found there count for each of its sentences.
            context.Clear();
            context.UnionWith(chunk.Candidate.TitleTerms);
            context.UnionWith(chunk.Candidate.HeadingTerms);
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
                seen.Clear();
                foreach (var token in tokens)
                {
                    if (weights.TryGetValue(token.Term, out double w) && seen.Add(token.Term))
                    {
                        covered += w;
                    }
                }

                foreach (string term in context)
                {
                    if (weights.TryGetValue(term, out double w) && seen.Add(term))
                    {
                        covered += w;
                    }
                }

                double coverage = total > 0 ? covered / total : 0;
                double typeMatch = AnswerTypeMatcher.Match(query.Kind, sentence);
                double score = (_options.SentenceCoverageWeight * coverage)
                    + (_options.ChunkRankWeight * chunk.Score / topScore)
                    + (_options.AnswerTypeWeight * typeMatch);
                sentences.Add(new AnswerSentence(rank, span.Start, span.End, sentence, coverage, typeMatch, score));
            }
        }

        var chosen = sentences.OrderByDescending(s => s.Score).FirstOrDefault();
        var parts = new List<AnswerSentence>();
        if (chosen is not null)
        {
            if (TableHeader(retrieval.Chunks[chosen.ChunkRank].Candidate, chosen, texts) is { } header)
            {
                parts.Add(header);
            }

            parts.Add(chosen);
            if (query.Kind == QuestionKind.List || chosen.Text.EndsWith('：') || chosen.Text.EndsWith(':'))
            {
                parts.AddRange(sentences.Where(s => s.ChunkRank == chosen.ChunkRank && s.Start >= chosen.End).OrderBy(s => s.Start).Take(2));
            }
        }

        return new AnswerEvidence(query, retrieval)
        {
            BestChunkCoverage = best.Coverage,
            BestChunkPairShare = best.PairShare,
            Chosen = chosen,
            Sentences = parts,
        };
    }

    /// <summary>
    /// For a table row chosen as the answer, the table's header row as it stands in the document (a row such as
    /// "存储带宽不足 | 大规模数据加载慢 | 2025年3月" means little without "问题 | 影响 | 计划解决时间"); null otherwise.
    /// A table chunk's text starts with its header row (see Chunk).
    /// </summary>
    private static AnswerSentence? TableHeader(ChunkCandidate chunk, AnswerSentence row, Dictionary<string, string> texts)
    {
        int newline = chunk.Text.IndexOf('\n');
        if (!row.Text.Contains(" | ", StringComparison.Ordinal) || newline <= 0)
        {
            return null;
        }

        string header = chunk.Text[..newline].Trim();
        if (!header.Contains(" | ", StringComparison.Ordinal) || header == row.Text)
        {
            return null;
        }

        string text = texts[chunk.DocId];
        int at = text.LastIndexOf(header, row.Start, StringComparison.Ordinal);
        return at < 0 ? null : new AnswerSentence(row.ChunkRank, at, at + header.Length, header, 0, 0, 0);
    }

    /// <summary>
    /// The answer text: the parts in order, each followed by its citation marker ("[1]", "[2]": part i is citation
    /// i + 1), joined by the document's own white space between them when they are neighbours, else by a line break.
    /// Apart from the markers every character is the documents' own.
    /// </summary>
    private static string JoinParts(IReadOnlyList<AnswerSentence> parts, string text)
    {
        var answer = new System.Text.StringBuilder(parts[0].Text).Append(CitationMarkers.Format(1));
        for (int i = 1; i < parts.Count; i++)
        {
            int gapStart = parts[i - 1].End, gapEnd = parts[i].Start;
            bool neighbours = gapEnd >= gapStart && gapEnd - gapStart <= 2 && string.IsNullOrWhiteSpace(text[gapStart..gapEnd]);
            answer.Append(neighbours ? text[gapStart..gapEnd] : "\n").Append(parts[i].Text).Append(CitationMarkers.Format(i + 1));
        }

        return answer.ToString();
    }

    /// <summary>The refusal sentence in the question's language (also the sentence a model is told to answer with).</summary>
    public static string RefusalFor(string question) => IsMostlyLatin(question) ? RefusalEn : RefusalZh;

    /// <summary>Whether a question is written mostly in Latin script (answered in English).</summary>
    public static bool IsEnglish(string question) => IsMostlyLatin(question);

    /// <summary>A refusal that cites the closest passages of <paramref name="retrieval"/>.</summary>
    public AskResult Refuse(string kb, string question, Retrieval retrieval, string reason) =>
        Refuse(kb, question, retrieval, new Dictionary<string, string>(StringComparer.Ordinal), reason, Stopwatch.StartNew());

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
