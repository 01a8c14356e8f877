using System.Text.Json;
using Wenjin.Bench.Corpus;
using Wenjin.Bench.Reporting;
using Wenjin.Evaluation;

namespace Wenjin.Bench.Qa;

/// <summary>
/// Builds a QA set (CONTRACTS.md shape) from a BEIR folder whose queries carry "answers", "answerable" and
/// "source_corpus_id" (CMRC 2018, DRCD, Chinese SQuAD 2.0 as converted in ../shared/external). An answerable
/// question's answer is its first gold answer and its quote the sentence of the source paragraph holding it; an
/// unanswerable one gets answer null. Questions are shuffled with a fixed seed, then cut to the limit.
/// </summary>
internal static class QaSetBuilder
{
    private static readonly char[] SentenceEnds = ['。', '！', '？', '\n'];

    public static List<QaItem> Build(string directory, int? limit, int seed = 1)
    {
        var corpus = CorpusReader.Read(Path.Combine(directory, "corpus.jsonl")).ToDictionary(d => d.Id, d => d.Text, StringComparer.Ordinal);
        var items = new List<QaItem>();
        foreach (string line in JsonlLineSource.ReadLines(Path.Combine(directory, "queries.jsonl")))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string id = root.GetProperty("_id").GetString() ?? string.Empty;
            string question = root.GetProperty("text").GetString() ?? string.Empty;
            bool answerable = !root.TryGetProperty("answerable", out var a) || a.GetBoolean();
            string? answer = root.TryGetProperty("answers", out var answers) && answers.GetArrayLength() > 0 ? answers[0].GetString() : null;
            string? source = root.TryGetProperty("source_corpus_id", out var s) ? s.GetString() : null;
            if (!answerable || answer is null)
            {
                items.Add(new QaItem(id, question, null, null));
                continue;
            }

            if (source is null || !corpus.TryGetValue(source, out string? text) || text.IndexOf(answer, StringComparison.Ordinal) is var at && at < 0)
            {
                continue;
            }

            int start = text.LastIndexOfAny(SentenceEnds, Math.Max(0, at - 1)) + 1;
            int end = text.IndexOfAny(SentenceEnds, at + answer.Length);
            end = end < 0 ? text.Length : end + 1;
            items.Add(new QaItem(id, question, answer, text[start..end].Trim()));
        }

        var random = new Random(seed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items));
        return limit is { } n && n < items.Count ? items.GetRange(0, n) : items;
    }

    public static void Write(string path, IEnumerable<QaItem> items)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        foreach (var item in items)
        {
            writer.WriteLine(JsonSerializer.Serialize(new { id = item.Id, question = item.Question, answer = item.Answer, quote = item.Quote }, Wenjin.Hosting.Json.WenjinJson.Options));
        }
    }
}
