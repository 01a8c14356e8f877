using Wenjin.Analysis;
using Wenjin.Text.Chunking;

namespace Wenjin.Text.Extraction;

/// <summary>
/// An extractive summary: TextRank (Mihalcea and Tarau, 2004) over the sentences of a text.
/// <list type="number">
/// <item>Sentences come from <see cref="SentenceSplitter"/> run on the text read through hard line breaks inside
/// sentences. Candidates skip headings and titles (a line of its own without a sentence-ending mark), link and byline
/// lines (a URL, or a label such as 来源：, 原文链接：, 责任编辑：), fragments of fewer than <see cref="MinSentenceCharacters"/>
/// letters or with fewer than <see cref="MinSentenceTerms"/> content words, and sentences longer than the character
/// budget.</item>
/// <item>Similarity is the paper's normalized overlap of content words (<see cref="ContentTerms"/>, numbers included):
/// |Si ∩ Sj| / (ln |Si| + ln |Sj|).</item>
/// <item>Scores are a weighted PageRank with damping <see cref="Damping"/>, iterated from uniform scores until no score
/// moves by more than 1e-9 or <see cref="MaxIterations"/> rounds. The random jump is the position prior: it favours the
/// first <see cref="LeadSentences"/> candidates (news puts its point first) with weights 1 + (L − i) / L, so the prior
/// only breaks near-ties between comparably central sentences.</item>
/// <item>The best sentences are taken while they fit in the budget, skipping one that repeats a chosen sentence (half
/// or more of its words shared), and returned in document order.</item>
/// </list>
/// Long texts are bounded: only the <see cref="MaxCandidates"/> candidates with the highest summed term frequency enter
/// the graph, so the quadratic graph stays small. Deterministic and thread-safe.
/// </summary>
public sealed class ExtractiveSummarizer
{
    /// <summary>PageRank's damping factor, as in the TextRank paper.</summary>
    public const double Damping = 0.85;

    /// <summary>The most PageRank rounds run; scores usually converge long before.</summary>
    public const int MaxIterations = 100;

    /// <summary>How many leading candidates the position prior favours.</summary>
    public const int LeadSentences = 3;

    /// <summary>Fewer letters (CJK characters count one each) make a fragment, not a sentence.</summary>
    public const int MinSentenceCharacters = 8;

    /// <summary>Fewer distinct content words make a sentence too thin to rank.</summary>
    public const int MinSentenceTerms = 3;

    /// <summary>The most candidates ranked; longer texts keep the most central ones (see the class remarks).</summary>
    public const int MaxCandidates = 400;

    private const double Convergence = 1e-9;

    private const double RedundantOverlap = 0.5;

    private static readonly string[] BylineLabels =
    [
        "来源", "原文链接", "链接", "原标题", "责任编辑", "编辑", "记者", "作者", "通讯员", "图片来源", "图源", "摄影", "校对", "审核",
        "转载", "声明", "免责声明", "关键词", "关键字", "source", "link", "editor", "author", "photo",
    ];

    private readonly SentenceSplitter _splitter = new();

    /// <summary>
    /// Up to <paramref name="maxSentences"/> sentences of <paramref name="text"/>, together at most
    /// <paramref name="maxCharacters"/> characters long (counted without the line breaks read through), in document
    /// order; empty when no sentence qualifies.
    /// </summary>
    public IReadOnlyList<SummarySentence> Summarize(string text, int maxSentences = 3, int maxCharacters = 300)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxSentences < 1 || maxCharacters < 1)
        {
            throw WenjinException.Invalid($"A summary of {maxSentences} sentences and {maxCharacters} characters is empty; ask for at least one of each.");
        }

        JoinedText joined = JoinedText.Create(text, foldWidth: false);
        List<Candidate> candidates = Candidates(joined, maxCharacters);
        if (candidates.Count == 0)
        {
            return [];
        }

        double[] scores = Rank(candidates);
        int[] order = [.. Enumerable.Range(0, candidates.Count).OrderByDescending(k => scores[k]).ThenBy(k => k)];
        var chosen = new List<int>(maxSentences);
        int used = 0;
        foreach (int k in order)
        {
            if (chosen.Count == maxSentences)
            {
                break;
            }

            Candidate candidate = candidates[k];
            if (used + candidate.Length > maxCharacters || chosen.Any(c => Overlap(candidates[c], candidate) >= RedundantOverlap))
            {
                continue;
            }

            chosen.Add(k);
            used += candidate.Length;
        }

        chosen.Sort();
        return [.. chosen.Select(k => new SummarySentence(
            joined.Slice(candidates[k].Start, candidates[k].End),
            joined.ToOriginal(candidates[k].Start, candidates[k].End),
            scores[k]))];
    }

    private List<Candidate> Candidates(JoinedText joined, int maxCharacters)
    {
        string view = joined.View;
        var sentences = new List<SentenceSpan>();
        _splitter.Split(view, sentences);
        var candidates = new List<Candidate>();
        var tokens = new List<AnalyzedToken>();
        foreach (SentenceSpan sentence in sentences)
        {
            if (sentence.Length > maxCharacters || !IsProse(view, sentence))
            {
                continue;
            }

            tokens.Clear();
            ContentTerms.Collect(view, sentence.Start, sentence.End, tokens, keepNumbers: true);
            string[] terms = [.. tokens.Select(t => t.Term).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            if (terms.Length < MinSentenceTerms)
            {
                continue;
            }

            candidates.Add(new Candidate(sentence.Start, sentence.End, terms, [.. tokens.Select(t => t.Term)]));
        }

        return candidates.Count <= MaxCandidates ? candidates : MostCentral(candidates);
    }

    /// <summary>The <see cref="MaxCandidates"/> candidates whose words are most frequent in the whole text, in text order.</summary>
    private static List<Candidate> MostCentral(List<Candidate> candidates)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Candidate candidate in candidates)
        {
            foreach (string term in candidate.AllTerms)
            {
                frequency[term] = frequency.GetValueOrDefault(term) + 1;
            }
        }

        return [.. candidates
            .Select((c, k) => (Candidate: c, Index: k, Weight: c.Terms.Sum(t => Math.Log(frequency[t])) / c.Terms.Length))
            .OrderByDescending(x => x.Weight)
            .ThenBy(x => x.Index)
            .Take(MaxCandidates)
            .OrderBy(x => x.Index)
            .Select(x => x.Candidate)];
    }

    private static bool IsProse(string view, SentenceSpan sentence)
    {
        ReadOnlySpan<char> s = view.AsSpan(sentence.Start, sentence.Length);
        int letters = 0;
        foreach (char c in s)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
        }

        if (letters < MinSentenceCharacters || letters * 2 < s.Length)
        {
            return false;
        }

        if (s.Contains("://", StringComparison.Ordinal) || s.Contains("www.", StringComparison.OrdinalIgnoreCase) || s[0] is '#' or '|' or '>')
        {
            return false;
        }

        foreach (string label in BylineLabels)
        {
            if (s.StartsWith(label, StringComparison.OrdinalIgnoreCase) && s.Length > label.Length && s[label.Length] is '：' or ':' or ' ')
            {
                return false;
            }
        }

        bool wholeLine = (sentence.Start == 0 || view[sentence.Start - 1] == '\n')
            && (sentence.End == view.Length || view[sentence.End] == '\n');
        return !wholeLine || EndsSentence(s[^1]);
    }

    private static bool EndsSentence(char c) =>
        c is '。' or '！' or '？' or '；' or '…' or '.' or '!' or '?' or ';' or '”' or '」' or '）' or ')' or '"';

    private static double[] Rank(List<Candidate> candidates)
    {
        int n = candidates.Count;
        var weights = new double[n * n];
        var outSum = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double w = Similarity(candidates[i], candidates[j]);
                weights[(i * n) + j] = w;
                weights[(j * n) + i] = w;
                outSum[i] += w;
                outSum[j] += w;
            }
        }

        var prior = new double[n];
        for (int i = 0; i < n; i++)
        {
            prior[i] = 1.0 + (Math.Max(0, LeadSentences - i) / (double)LeadSentences);
        }

        double priorMean = prior.Average();
        var scores = new double[n];
        Array.Fill(scores, 1.0);
        var next = new double[n];
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double change = 0;
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++)
                {
                    double w = weights[(j * n) + i];
                    if (w > 0)
                    {
                        sum += w / outSum[j] * scores[j];
                    }
                }

                next[i] = ((1 - Damping) * prior[i] / priorMean) + (Damping * sum);
                change = Math.Max(change, Math.Abs(next[i] - scores[i]));
            }

            (scores, next) = (next, scores);
            if (change < Convergence)
            {
                break;
            }
        }

        return scores;
    }

    /// <summary>|Si ∩ Sj| / (ln |Si| + ln |Sj|) over sorted distinct terms.</summary>
    private static double Similarity(Candidate a, Candidate b)
    {
        int common = CommonTerms(a.Terms, b.Terms);
        if (common == 0)
        {
            return 0;
        }

        double denominator = Math.Log(a.Terms.Length) + Math.Log(b.Terms.Length);
        return denominator > 0 ? common / denominator : 0;
    }

    /// <summary>The share of the smaller sentence's words that the other sentence also has.</summary>
    private static double Overlap(Candidate a, Candidate b) =>
        CommonTerms(a.Terms, b.Terms) / (double)Math.Min(a.Terms.Length, b.Terms.Length);

    private static int CommonTerms(string[] a, string[] b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            int c = string.CompareOrdinal(a[i], b[j]);
            if (c == 0)
            {
                common++;
                i++;
                j++;
            }
            else if (c < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return common;
    }

    /// <summary>A candidate sentence at view span [Start, End) with its distinct sorted terms and all its terms.</summary>
    private sealed record Candidate(int Start, int End, string[] Terms, string[] AllTerms)
    {
        public int Length => End - Start;
    }
}
