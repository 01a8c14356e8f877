using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Wenjin.Bench.Corpus;
using Wenjin.Bench.Ingestion;

namespace Wenjin.Bench.Http;

/// <summary>
/// The documents and questions of an HTTP load run. <c>--corpus</c> is a BEIR folder (corpus.jsonl + queries.jsonl;
/// default: CMRC 2018 dev) whose every query is a question, or a JSONL corpus file (<c>{"_id","title"?,"text"}</c>,
/// .xz allowed) whose questions come from <see cref="LatencyQuerySet"/>. The documents are written as one JSONL file
/// the CLI ingests: id, title and text = title + "\n" + body, the text every other benchmark indexes.
/// </summary>
internal sealed record LoadCorpus(string Key, string JsonlPath, int Documents, long TextBytes, IReadOnlyList<string> Questions, string QuestionOrigin)
{
    public const int Seed = 20240501;

    private const int FileQuestionCount = 1000;

    private static readonly JsonSerializerOptions RecordOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string DefaultPath => Path.Combine(BeirCommand.DefaultRoot, "cmrc2018", "beir_dev");

    public static LoadCorpus Prepare(string path, int? limitDocuments, string workFolder)
    {
        string fullPath = Path.GetFullPath(path);
        List<CorpusDocument> documents;
        List<string> questions;
        string origin;
        string key;
        if (Directory.Exists(fullPath))
        {
            string corpusFile = Path.Combine(fullPath, "corpus.jsonl");
            string queryFile = Path.Combine(fullPath, "queries.jsonl");
            if (!File.Exists(corpusFile) || !File.Exists(queryFile))
            {
                throw new FileNotFoundException($"{fullPath} is not a BEIR folder (corpus.jsonl and queries.jsonl); pass such a folder or a JSONL corpus file to --corpus.");
            }

            documents = [.. CorpusReader.Read(corpusFile, limitDocuments)];
            questions = ReadQueries(queryFile);
            var random = new Random(Seed);
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(questions));
            origin = $"all {questions.Count} queries of queries.jsonl, shuffled (seed {Seed})";
            key = FolderKey(fullPath);
        }
        else if (File.Exists(fullPath))
        {
            documents = [.. CorpusReader.Read(fullPath, limitDocuments)];
            LatencyQuerySet sample = LatencyQuerySet.Sample(fullPath, documents, FileQuestionCount);
            questions = [.. sample.Queries.Where(q => !string.IsNullOrWhiteSpace(q))];
            origin = sample.Origin;
            key = Path.GetFileName(fullPath);
        }
        else
        {
            throw new FileNotFoundException($"Corpus not found: {fullPath}");
        }

        if (limitDocuments is { } limit)
        {
            key += string.Create(CultureInfo.InvariantCulture, $" docs≤{limit}");
        }

        if (documents.Count == 0 || questions.Count == 0)
        {
            throw new InvalidDataException($"{fullPath} has {documents.Count} documents and {questions.Count} questions; the load test needs both.");
        }

        string jsonlPath = Path.Combine(workFolder, "corpus.jsonl");
        using (var writer = new StreamWriter(jsonlPath, false, new UTF8Encoding(false)))
        {
            foreach (CorpusDocument document in documents)
            {
                writer.WriteLine(JsonSerializer.Serialize(new { id = document.Id, title = document.Title, text = document.IndexedText }, RecordOptions));
            }
        }

        long textBytes = documents.Sum(document => (long)Encoding.UTF8.GetByteCount(document.Text));
        return new LoadCorpus(key, jsonlPath, documents.Count, textBytes, questions, origin);
    }

    private static List<string> ReadQueries(string path)
    {
        var questions = new List<string>();
        foreach (string line in JsonlLineSource.ReadLines(path))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("text", out JsonElement text) && text.GetString() is { Length: > 0 } question)
            {
                questions.Add(question);
            }
        }

        return questions;
    }

    /// <summary>The last two folder names ("cmrc2018/beir_dev"), like the retrieval benchmark's dataset names.</summary>
    private static string FolderKey(string fullPath)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(fullPath);
        string leaf = Path.GetFileName(trimmed);
        string parent = Path.GetFileName(Path.GetDirectoryName(trimmed) ?? "");
        return parent.Length == 0 ? leaf : parent + "/" + leaf;
    }
}
