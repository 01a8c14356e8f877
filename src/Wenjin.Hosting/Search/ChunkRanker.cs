using System.Globalization;
using Wenjin.Analysis;
using Wenjin.Search;
using Wenjin.Storage;

namespace Wenjin.Hosting.Search;

/// <summary>
/// Scores candidate chunks for a query: BM25F over the title, heading and body fields, plus a proximity bonus for
/// consecutive query words found close together in the body, plus a coverage bonus for chunks that contain most of
/// the query's weight. Every part of the score can be returned as a <see cref="ScoreExplanation"/>.
/// </summary>
public sealed class ChunkRanker
{
    private readonly RankingOptions _options;

    public ChunkRanker(RankingOptions options)
    {
        _options = options;
    }

    /// <summary>Returns the candidates ordered by descending score (ties keep the store's order).</summary>
    public IReadOnlyList<RankedChunk> Rank(AnalyzedQuery query, IReadOnlyList<ChunkCandidate> candidates, IndexStatistics statistics, bool explain)
    {
        var terms = query.Terms;
        int n = terms.Count;
        if (n == 0 || candidates.Count == 0)
        {
            return [];
        }

        var termIndex = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var idf = new double[n];
        var weight = new double[n];
        double totalWeight = 0;
        for (int i = 0; i < n; i++)
        {
            termIndex[terms[i].Term] = i;
            long df = statistics.DocumentFrequency.TryGetValue(terms[i].Term, out long d) ? d : 0;
            idf[i] = Idf(statistics.ChunkCount, df);
            weight[i] = terms[i].Weight;
            totalWeight += weight[i] * idf[i];
        }

        var pairs = ProximityPairs(query, termIndex);
        var pairsByTerm = new List<int>[n];
        for (int p = 0; p < pairs.Count; p++)
        {
            (pairsByTerm[pairs[p].A] ??= []).Add(p);
            (pairsByTerm[pairs[p].B] ??= []).Add(p);
        }

        double meanIdf = totalWeight / Math.Max(1e-9, weight.Sum());
        var bigrams = _options.BigramWeight > 0 ? QueryBigrams.Of(query) : [];
        var tfTitle = new int[n];
        var tfHeading = new int[n];
        var tfBody = new int[n];
        var lastSeen = new int[n];
        var pairFound = new bool[pairs.Count];
        var ranked = new RankedChunk[candidates.Count];

        for (int c = 0; c < candidates.Count; c++)
        {
            var candidate = candidates[c];
            Array.Clear(tfTitle);
            Array.Clear(tfHeading);
            Array.Clear(tfBody);
            Array.Fill(lastSeen, int.MinValue / 2);
            Array.Clear(pairFound);

            Count(candidate.TitleTerms, termIndex, tfTitle);
            Count(candidate.HeadingTerms, termIndex, tfHeading);
            var body = candidate.BodyTerms;
            for (int p = 0; p < body.Count; p++)
            {
                if (!termIndex.TryGetValue(body[p], out int t))
                {
                    continue;
                }

                tfBody[t]++;
                if (pairsByTerm[t] is { } related)
                {
                    foreach (int k in related)
                    {
                        int other = pairs[k].A == t ? pairs[k].B : pairs[k].A;
                        if (p - lastSeen[other] <= _options.ProximityWindow)
                        {
                            pairFound[k] = true;
                        }
                    }
                }

                lastSeen[t] = p;
            }

            double bigramShare = bigrams.Count == 0 ? 0 : QueryBigrams.Share(bigrams, FoldedFields(candidate));
            ranked[c] = Score(candidate, terms, idf, weight, totalWeight, meanIdf, tfTitle, tfHeading, tfBody, statistics, pairs, pairFound, bigramShare, explain);
        }

        var order = Enumerable.Range(0, ranked.Length).ToArray();
        Array.Sort(order, (x, y) =>
        {
            int cmp = ranked[y].Score.CompareTo(ranked[x].Score);
            return cmp != 0 ? cmp : x.CompareTo(y);
        });
        var result = new RankedChunk[order.Length];
        for (int i = 0; i < order.Length; i++)
        {
            result[i] = ranked[order[i]];
        }

        return result;
    }

    /// <summary>BM25 inverse document frequency (the Lucene variant, never negative).</summary>
    public static double Idf(long chunkCount, long documentFrequency) =>
        Math.Log(1 + ((chunkCount - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    private RankedChunk Score(
        ChunkCandidate candidate,
        IReadOnlyList<QueryTerm> terms,
        double[] idf,
        double[] weight,
        double totalWeight,
        double meanIdf,
        int[] tfTitle,
        int[] tfHeading,
        int[] tfBody,
        IndexStatistics statistics,
        List<(int A, int B)> pairs,
        bool[] pairFound,
        double bigramShare,
        bool explain)
    {
        double k1 = _options.K1;
        double bodyNorm = Norm(_options.BodyB, candidate.BodyTerms.Count, statistics.AverageBodyLength);
        double headingNorm = Norm(_options.ShortFieldB, candidate.HeadingTerms.Count, statistics.AverageHeadingLength);
        double titleNorm = Norm(_options.ShortFieldB, candidate.TitleTerms.Count, statistics.AverageTitleLength);

        double bm25 = 0;
        double matchedWeight = 0;
        List<ScoreExplanation>? termDetails = explain ? [] : null;
        for (int i = 0; i < terms.Count; i++)
        {
            if (tfTitle[i] + tfHeading[i] + tfBody[i] == 0)
            {
                continue;
            }

            double tf = (_options.TitleBoost * tfTitle[i] / titleNorm)
                + (_options.HeadingBoost * tfHeading[i] / headingNorm)
                + (_options.BodyBoost * tfBody[i] / bodyNorm);
            double saturated = tf * (k1 + 1) / (tf + k1);
            double termScore = weight[i] * idf[i] * saturated;
            bm25 += termScore;
            matchedWeight += weight[i] * idf[i];
            termDetails?.Add(new ScoreExplanation(termScore, $"term \"{terms[i].Term}\": weight × idf × tf·(k1+1)/(tf+k1)")
            {
                Details =
                [
                    new ScoreExplanation(weight[i], "query weight"),
                    new ScoreExplanation(idf[i], $"idf = ln(1 + (N − df + 0.5)/(df + 0.5)), N = {statistics.ChunkCount}, df = {DocumentFrequency(statistics, terms[i].Term)}"),
                    new ScoreExplanation(tf, $"tf = {F(_options.TitleBoost)}·{tfTitle[i]}/{F(titleNorm)} (title) + {F(_options.HeadingBoost)}·{tfHeading[i]}/{F(headingNorm)} (heading) + {F(_options.BodyBoost)}·{tfBody[i]}/{F(bodyNorm)} (body)"),
                ],
            });
        }

        double proximity = 0;
        List<ScoreExplanation>? pairDetails = explain ? [] : null;
        for (int k = 0; k < pairs.Count; k++)
        {
            if (!pairFound[k])
            {
                continue;
            }

            var (a, b) = pairs[k];
            double bonus = _options.ProximityWeight * Math.Min(weight[a] * idf[a], weight[b] * idf[b]);
            proximity += bonus;
            pairDetails?.Add(new ScoreExplanation(bonus, $"\"{terms[a].Term}\" within {_options.ProximityWindow} words of \"{terms[b].Term}\": {F(_options.ProximityWeight)} × smaller idf"));
        }

        double coverage = totalWeight > 0 ? matchedWeight / totalWeight : 0;
        double coverageBonus = _options.CoverageWeight * coverage * coverage * meanIdf;
        double bigramBonus = _options.BigramWeight * bigramShare * bigramShare * meanIdf;
        double score = bm25 + proximity + coverageBonus + bigramBonus;

        ScoreExplanation? explanation = null;
        if (explain)
        {
            explanation = new ScoreExplanation(score, "sum of bm25f, proximity, coverage and character pairs")
            {
                Details =
                [
                    new ScoreExplanation(bm25, $"bm25f (k1 = {F(k1)}, b = {F(_options.BodyB)} body / {F(_options.ShortFieldB)} title and heading)") { Details = termDetails! },
                    new ScoreExplanation(proximity, "proximity of consecutive query words") { Details = pairDetails! },
                    new ScoreExplanation(coverageBonus, $"coverage: {F(_options.CoverageWeight)} × share² × mean idf, share = {F(coverage)} of the query's idf weight"),
                    new ScoreExplanation(bigramBonus, $"character pairs: {F(_options.BigramWeight)} × share² × mean idf, share = {F(bigramShare)} of the question's adjacent character pairs"),
                ],
            };
        }

        return new RankedChunk(candidate, score, coverage, explanation) { PairShare = bigramShare };
    }

    /// <summary>Title, headings and text of a chunk in folded form: where the question's character pairs are looked for.</summary>
    private static string FoldedFields(ChunkCandidate candidate)
    {
        string fields = candidate.HeadingPath.Count == 0 && candidate.Title is null
            ? candidate.Text
            : string.Join('\n', [candidate.Title ?? string.Empty, .. candidate.HeadingPath, candidate.Text]);
        return Wenjin.Text.Normalization.CharacterFolder.Shared.Fold(fields);
    }

    private static double Norm(double b, int length, double averageLength) =>
        averageLength <= 0 ? 1 : 1 - b + (b * length / averageLength);

    private static long DocumentFrequency(IndexStatistics statistics, string term) =>
        statistics.DocumentFrequency.TryGetValue(term, out long df) ? df : 0;

    private static void Count(IReadOnlyList<string> fieldTerms, Dictionary<string, int> termIndex, int[] tf)
    {
        for (int p = 0; p < fieldTerms.Count; p++)
        {
            if (termIndex.TryGetValue(fieldTerms[p], out int t))
            {
                tf[t]++;
            }
        }
    }

    /// <summary>
    /// Pairs of distinct query terms that are consecutive words of the question. Sub-word tokens share their word's
    /// position; the longest token at each position stands for the word.
    /// </summary>
    private static List<(int A, int B)> ProximityPairs(AnalyzedQuery query, Dictionary<string, int> termIndex)
    {
        var words = new List<int>();
        int lastPosition = int.MinValue;
        string? best = null;
        foreach (var token in query.Sequence)
        {
            if (token.Position != lastPosition)
            {
                Flush();
                lastPosition = token.Position;
                best = null;
            }

            if (termIndex.ContainsKey(token.Term) && (best is null || token.Term.Length > best.Length))
            {
                best = token.Term;
            }
        }

        Flush();
        var pairs = new List<(int A, int B)>();
        for (int i = 1; i < words.Count; i++)
        {
            int a = words[i - 1], b = words[i];
            if (a != b && !pairs.Contains((a, b)) && !pairs.Contains((b, a)))
            {
                pairs.Add((a, b));
            }
        }

        return pairs;

        void Flush()
        {
            if (best is not null)
            {
                words.Add(termIndex[best]);
            }
        }
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
