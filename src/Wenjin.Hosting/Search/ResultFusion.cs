using System.Globalization;
using Wenjin.Search;

namespace Wenjin.Hosting.Search;

/// <summary>
/// Combines the lexical ranking with the vector ranking (<see cref="FusionMethod"/>). The fused chunk keeps its lexical
/// coverage (what answer extraction reads); its score becomes the fused score, and its explanation shows both sides:
/// the lexical rank with the BM25 explanation underneath, and the vector rank with its cosine similarity.
/// </summary>
public sealed class ResultFusion
{
    private readonly HybridSearchOptions _options;

    public ResultFusion(HybridSearchOptions options)
    {
        _options = options;
    }

    /// <param name="lexical">The lexical ranking, best first.</param>
    /// <param name="vector">The vector matches, best first, each with its chunk (ranked lexically too when it matched no query term: score 0).</param>
    /// <param name="model">The embedding model's name, for the explanation.</param>
    public IReadOnlyList<RankedChunk> Fuse(IReadOnlyList<RankedChunk> lexical, IReadOnlyList<(VectorMatch Match, RankedChunk Chunk)> vector, string model, bool explain)
    {
        var entries = new Dictionary<long, Entry>();
        for (int i = 0; i < lexical.Count; i++)
        {
            entries[lexical[i].Candidate.Key] = new Entry(lexical[i]) { LexicalRank = i + 1 };
        }

        for (int i = 0; i < vector.Count; i++)
        {
            var (match, chunk) = vector[i];
            if (!entries.TryGetValue(match.Key, out var entry))
            {
                entry = new Entry(chunk);
                entries[match.Key] = entry;
            }

            entry.VectorRank = i + 1;
            entry.Cosine = match.Cosine;
        }

        var (lexMin, lexMax) = Range(lexical.Select(r => r.Score));
        var (cosMin, cosMax) = Range(vector.Select(v => v.Match.Cosine));
        var fused = new List<(Entry Entry, double Score, ScoreExplanation? Explanation)>(entries.Count);
        foreach (var entry in entries.Values)
        {
            var (score, explanation) = _options.Fusion == FusionMethod.Rrf
                ? Rrf(entry, model, explain)
                : Weighted(entry, model, explain, (lexMin, lexMax), (cosMin, cosMax));
            fused.Add((entry, score, explanation));
        }

        // Ties: the better lexical rank first, then the better vector rank, then the key (deterministic).
        fused.Sort((a, b) =>
        {
            int byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            int byLexical = (a.Entry.LexicalRank ?? int.MaxValue).CompareTo(b.Entry.LexicalRank ?? int.MaxValue);
            return byLexical != 0
                ? byLexical
                : (a.Entry.VectorRank ?? int.MaxValue).CompareTo(b.Entry.VectorRank ?? int.MaxValue) is var byVector && byVector != 0
                    ? byVector
                    : a.Entry.Chunk.Candidate.Key.CompareTo(b.Entry.Chunk.Candidate.Key);
        });

        return fused.Select(f => f.Entry.Chunk with { Score = f.Score, Explanation = f.Explanation }).ToArray();
    }

    private (double Score, ScoreExplanation? Explanation) Rrf(Entry entry, string model, bool explain)
    {
        int k = _options.RrfK;
        double lexical = entry.LexicalRank is { } lr ? 1.0 / (k + lr) : 0;
        double vector = entry.VectorRank is { } vr ? 1.0 / (k + vr) : 0;
        double score = lexical + vector;
        if (!explain)
        {
            return (score, null);
        }

        var details = new List<ScoreExplanation>(2);
        details.Add(LexicalSide(entry, lexical, entry.LexicalRank is { } r ? F($"lexical rank {r}: 1 / ({k} + {r})") : "not in the lexical results"));
        details.Add(VectorSide(entry, vector, entry.VectorRank is { } v ? F($"vector rank {v}: 1 / ({k} + {v})") : "not in the vector results", model));
        return (score, new ScoreExplanation(score, F($"reciprocal-rank fusion (k = {k}), sum of:")) { Details = details });
    }

    private (double Score, ScoreExplanation? Explanation) Weighted(Entry entry, string model, bool explain, (double Min, double Max) lex, (double Min, double Max) cos)
    {
        double w = _options.VectorWeight;
        double lexical = entry.LexicalRank is null ? 0 : (1 - w) * Normalise(entry.Chunk.Score, lex);
        double vector = entry.VectorRank is null ? 0 : w * Normalise(entry.Cosine, cos);
        double score = lexical + vector;
        if (!explain)
        {
            return (score, null);
        }

        var details = new List<ScoreExplanation>(2)
        {
            LexicalSide(entry, lexical, entry.LexicalRank is null ? "not in the lexical results" : F($"{1 - w:0.##} × lexical score scaled to [0, 1] within the results ({lex.Min:0.###}…{lex.Max:0.###})")),
            VectorSide(entry, vector, entry.VectorRank is null ? "not in the vector results" : F($"{w:0.##} × cosine scaled to [0, 1] within the results ({cos.Min:0.###}…{cos.Max:0.###})"), model),
        };
        return (score, new ScoreExplanation(score, F($"weighted fusion, sum of:")) { Details = details });
    }

    private static ScoreExplanation LexicalSide(Entry entry, double value, string description) =>
        new(value, description)
        {
            Details = entry.LexicalRank is not null && entry.Chunk.Explanation is { } bm25 ? [bm25] : [],
        };

    private static ScoreExplanation VectorSide(Entry entry, double value, string description, string model) =>
        new(value, description)
        {
            Details = entry.VectorRank is null ? [] : [new ScoreExplanation(Math.Round(entry.Cosine, 4), F($"cosine similarity of the question's and the chunk's embeddings ({model})"))],
        };

    private static double Normalise(double value, (double Min, double Max) range) =>
        range.Max - range.Min < 1e-12 ? 1 : (value - range.Min) / (range.Max - range.Min);

    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double value in values)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        return double.IsInfinity(min) ? (0, 0) : (min, max);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Entry(RankedChunk chunk)
    {
        public RankedChunk Chunk { get; } = chunk;

        public int? LexicalRank { get; set; }

        public int? VectorRank { get; set; }

        public double Cosine { get; set; }
    }
}
