using Wenjin.Analysis;

namespace Wenjin.Text.Extraction;

/// <summary>
/// TF-IDF keywords of one document. Term frequencies count the analyzer's content words (<see cref="ContentTerms"/>: no
/// stop words, single characters or numbers) in the text read through hard line breaks; two CJK words that stand next
/// to each other at least <see cref="MinCompoundCount"/> times and in at least half of the rarer word's occurrences are
/// counted as one compound (智能 + 客服 → 智能客服), left to right, a word joining the neighbour it stands with more often. The idf comes from the knowledge base's statistics:
/// idf = ln((N + 1) / (df + 1)) + 1 with df clamped to [0, N]; a compound the knowledge base does not know as a term
/// takes the document frequency of its rarer word. With no statistics (N = 0) the score is the term frequency.
/// Ties go to the more frequent, then the earlier term, so results are deterministic. Thread-safe.
/// </summary>
public sealed class KeywordExtractor
{
    /// <summary>How often two words must stand together to count as one compound.</summary>
    public const int MinCompoundCount = 2;

    private const int MaxCompoundLength = 8;

    /// <summary>
    /// The <paramref name="count"/> best keywords of <paramref name="text"/>, best first.
    /// <paramref name="documentFrequency"/> gives the number of documents of the knowledge base holding an analyzer
    /// term, out of <paramref name="documentCount"/>; it is required when <paramref name="documentCount"/> is positive.
    /// </summary>
    public IReadOnlyList<ExtractedKeyword> Extract(string text, int count = 10, Func<string, long>? documentFrequency = null, long documentCount = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (count < 1)
        {
            throw WenjinException.Invalid($"Asked for {count} keywords; ask for at least 1.");
        }

        if (documentCount < 0)
        {
            throw WenjinException.Invalid($"A document count of {documentCount} is invalid; it must be 0 (no statistics) or more.");
        }

        if (documentCount > 0 && documentFrequency is null)
        {
            throw WenjinException.Invalid("A document count was given without a document frequency function; pass both or neither.");
        }

        JoinedText joined = JoinedText.Create(text, foldWidth: false);
        var tokens = new List<AnalyzedToken>();
        ContentTerms.Collect(joined.View, 0, joined.Length, tokens);
        List<Occurrence> occurrences = JoinCompounds(tokens);

        var stats = new Dictionary<string, TermStats>(StringComparer.Ordinal);
        for (int k = 0; k < occurrences.Count; k++)
        {
            Occurrence occurrence = occurrences[k];
            if (!stats.TryGetValue(occurrence.Term, out TermStats? entry))
            {
                entry = new TermStats(occurrence.Term, k, occurrence.Parts);
                stats.Add(occurrence.Term, entry);
            }

            entry.Spans.Add(occurrence);
        }

        var ranked = new List<(TermStats Stats, double Score)>(stats.Count);
        foreach (TermStats entry in stats.Values)
        {
            double idf = documentCount > 0 ? InverseDocumentFrequency(entry, documentFrequency!, documentCount) : 1.0;
            ranked.Add((entry, entry.Spans.Count * idf));
        }

        ranked.Sort(static (a, b) =>
        {
            int c = b.Score.CompareTo(a.Score);
            if (c == 0)
            {
                c = b.Stats.Spans.Count.CompareTo(a.Stats.Spans.Count);
            }

            return c != 0 ? c : a.Stats.FirstIndex.CompareTo(b.Stats.FirstIndex);
        });

        var keywords = new List<ExtractedKeyword>(Math.Min(count, ranked.Count));
        foreach ((TermStats entry, double score) in ranked.Take(count))
        {
            var spans = new List<TextSpan>(entry.Spans.Count);
            var surfaces = new Dictionary<string, int>(StringComparer.Ordinal);
            string display = "";
            int best = 0;
            foreach (Occurrence occurrence in entry.Spans)
            {
                spans.Add(joined.ToOriginal(occurrence.Start, occurrence.End));
                string surface = joined.Slice(occurrence.Start, occurrence.End);
                int seen = surfaces[surface] = surfaces.GetValueOrDefault(surface) + 1;
                if (seen > best)
                {
                    best = seen;
                    display = surface;
                }
            }

            keywords.Add(new ExtractedKeyword(entry.Term, display, entry.Spans.Count, score, spans));
        }

        return keywords;
    }

    private static double InverseDocumentFrequency(TermStats entry, Func<string, long> documentFrequency, long documentCount)
    {
        long df = documentFrequency(entry.Term);
        if (df <= 0 && entry.Parts is { } parts)
        {
            df = Math.Min(documentFrequency(parts.First), documentFrequency(parts.Second));
        }

        df = Math.Clamp(df, 0, documentCount);
        return Math.Log((documentCount + 1.0) / (df + 1.0)) + 1.0;
    }

    /// <summary>The content words in order, with adjacent CJK pairs that are frequent compounds joined into one occurrence.</summary>
    private static List<Occurrence> JoinCompounds(List<AnalyzedToken> tokens)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairs = new Dictionary<(string, string), int>();
        for (int k = 0; k < tokens.Count; k++)
        {
            frequency[tokens[k].Term] = frequency.GetValueOrDefault(tokens[k].Term) + 1;
            if (k + 1 < tokens.Count && IsCompoundCandidate(tokens[k], tokens[k + 1]))
            {
                var key = (tokens[k].Term, tokens[k + 1].Term);
                pairs[key] = pairs.GetValueOrDefault(key) + 1;
            }
        }

        var occurrences = new List<Occurrence>(tokens.Count);
        for (int k = 0; k < tokens.Count; k++)
        {
            AnalyzedToken token = tokens[k];
            if (k + 1 < tokens.Count && IsCompoundCandidate(token, tokens[k + 1]))
            {
                AnalyzedToken next = tokens[k + 1];
                int together = pairs[(token.Term, next.Term)];
                int rarer = Math.Min(frequency[token.Term], frequency[next.Term]);

                // A word that stands more often with the word after it joins that one instead (模型|智能客服, not 模型智能|客服).
                bool nextJoinsOnward = k + 2 < tokens.Count && IsCompoundCandidate(next, tokens[k + 2])
                    && pairs[(next.Term, tokens[k + 2].Term)] > together;
                if (together >= MinCompoundCount && together * 2 >= rarer && !nextJoinsOnward)
                {
                    occurrences.Add(new Occurrence(token.Term + next.Term, token.Start, next.End, (token.Term, next.Term)));
                    k++;
                    continue;
                }
            }

            occurrences.Add(new Occurrence(token.Term, token.Start, token.End, null));
        }

        return occurrences;
    }

    private static bool IsCompoundCandidate(AnalyzedToken first, AnalyzedToken second) =>
        first.End == second.Start
        && first.Term != second.Term
        && ContentTerms.IsCjkTerm(first.Term)
        && ContentTerms.IsCjkTerm(second.Term)
        && first.Term.Length + second.Term.Length <= MaxCompoundLength;

    /// <summary>One occurrence of a term at view span [Start, End); <see cref="Parts"/> are a compound's two words.</summary>
    private readonly record struct Occurrence(string Term, int Start, int End, (string First, string Second)? Parts);

    private sealed class TermStats(string term, int firstIndex, (string First, string Second)? parts)
    {
        public string Term { get; } = term;

        public int FirstIndex { get; } = firstIndex;

        public (string First, string Second)? Parts { get; } = parts;

        public List<Occurrence> Spans { get; } = [];
    }
}
