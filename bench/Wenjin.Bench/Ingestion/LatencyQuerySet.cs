using System.Text.Json;
using Wenjin.Bench.Corpus;

namespace Wenjin.Bench.Ingestion;

/// <summary>
/// The fixed-seed query sample used to time searches on an ingested corpus: questions from CRUD-RAG's
/// quest_eval/QuestAnswer1Doc file when it sits next to the corpus (real questions about these news), otherwise the
/// first sentence of randomly chosen documents.
/// </summary>
internal sealed record LatencyQuerySet(IReadOnlyList<string> Queries, string Origin)
{
    public const int Seed = 20240501;

    private const string QuestionFile = "quest_eval/QuestAnswer1Doc_quest_gt_save.json";

    public static LatencyQuerySet Sample(string corpusPath, IReadOnlyList<CorpusDocument> documents, int count)
    {
        var random = new Random(Seed);
        string questionPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusPath)) ?? ".", QuestionFile);
        if (File.Exists(questionPath))
        {
            List<string> questions = ReadQuestions(questionPath);
            if (questions.Count > 0)
            {
                string[] shuffled = [.. questions];
                random.Shuffle(shuffled);
                return new LatencyQuerySet([.. shuffled.Take(count)], $"{count} random questions of {QuestionFile} (seed {Seed})");
            }
        }

        var sentences = new List<string>(count);
        for (int i = 0; i < count && documents.Count > 0; i++)
        {
            sentences.Add(FirstSentence(documents[random.Next(documents.Count)].Text));
        }

        return new LatencyQuerySet(sentences, $"first sentences of {count} random documents (seed {Seed})");
    }

    private static List<string> ReadQuestions(string path)
    {
        // Shape: { "<item id>": { "question": [str], "answers": [str], "key_info": [str] } }.
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
        var questions = new List<string>();
        foreach (JsonProperty item in json.RootElement.EnumerateObject())
        {
            if (item.Value.ValueKind == JsonValueKind.Object && item.Value.TryGetProperty("question", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                questions.AddRange(list.EnumerateArray().Select(q => q.GetString()).OfType<string>().Where(q => q.Length > 0));
            }
        }

        return questions;
    }

    private static string FirstSentence(string text)
    {
        // CRUD-RAG news start "YYYY-MM-DD HH:MM，正文：", which carries no content; skip past it.
        const string BodyMarker = "正文：";
        int body = text.IndexOf(BodyMarker, StringComparison.Ordinal);
        string rest = body >= 0 && body < 40 ? text[(body + BodyMarker.Length)..] : text;
        int end = rest.IndexOfAny(['。', '！', '？', '\n']);
        string sentence = end > 0 ? rest[..end] : rest;
        return sentence.Length > 60 ? sentence[..60] : sentence;
    }
}
