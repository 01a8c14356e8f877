using System.Text;
using System.Text.Json;
using Wenjin.Bench.Corpus;

namespace Wenjin.Bench.Beir;

/// <summary>
/// A BEIR-format folder: corpus.jsonl, queries.jsonl and qrels as either <c>qrels.tsv</c> or <c>qrels/test.tsv</c>
/// (tab-separated <c>query-id corpus-id score</c> with a header line). Only queries with at least one positive
/// judgement are kept, in queries.jsonl order; unanswerable queries therefore drop out.
/// </summary>
internal sealed class BeirDataset
{
    private BeirDataset(string name, IReadOnlyList<CorpusDocument> documents, IReadOnlyList<BeirQuery> queries)
    {
        Name = name;
        Documents = documents;
        Queries = queries;
    }

    /// <summary>The last two folder names ("cmrc2018/beir_dev"), stable across machines; keys the baseline.</summary>
    public string Name { get; }

    public IReadOnlyList<CorpusDocument> Documents { get; }

    public IReadOnlyList<BeirQuery> Queries { get; }

    /// <summary>
    /// The first <paramref name="limitDocuments"/> documents, with only the queries that still have a judged document
    /// among them, each judged against the kept documents alone (so recall measures what can be found); then the first
    /// <paramref name="limitQueries"/> of those.
    /// </summary>
    public BeirDataset TakeDocuments(int limitDocuments, int? limitQueries = null)
    {
        List<CorpusDocument> documents = [.. Documents.Take(limitDocuments)];
        var kept = new HashSet<string>(documents.Select(document => document.Id), StringComparer.Ordinal);
        var queries = new List<BeirQuery>();
        foreach (BeirQuery query in Queries)
        {
            Dictionary<string, int> relevance = query.Relevance
                .Where(judgement => kept.Contains(judgement.Key))
                .ToDictionary(judgement => judgement.Key, judgement => judgement.Value, StringComparer.Ordinal);
            if (relevance.Count == 0)
            {
                continue;
            }

            queries.Add(query with { Relevance = relevance });
            if (queries.Count >= limitQueries)
            {
                break;
            }
        }

        return new BeirDataset(Name, documents, queries);
    }

    public static BeirDataset Load(string directory, int? limitQueries = null)
    {
        string fullPath = Path.GetFullPath(directory);
        if (!Directory.Exists(fullPath))
        {
            throw new DirectoryNotFoundException($"Dataset folder not found: {fullPath}");
        }

        List<CorpusDocument> documents = [.. CorpusReader.Read(Path.Combine(fullPath, "corpus.jsonl"))];
        Dictionary<string, Dictionary<string, int>> qrels = LoadQrels(FindQrels(fullPath));

        var queries = new List<BeirQuery>();
        foreach (string line in JsonlLineSource.ReadLines(Path.Combine(fullPath, "queries.jsonl")))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            string id = json.RootElement.GetProperty("_id").GetString() ?? "";
            if (qrels.TryGetValue(id, out Dictionary<string, int>? relevance))
            {
                queries.Add(new BeirQuery(id, json.RootElement.GetProperty("text").GetString() ?? "", relevance));
                if (queries.Count >= limitQueries)
                {
                    break;
                }
            }
        }

        return new BeirDataset(NameOf(fullPath), documents, queries);
    }

    private static string FindQrels(string directory)
    {
        string[] candidates = [Path.Combine(directory, "qrels.tsv"), Path.Combine(directory, "qrels", "test.tsv")];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No qrels.tsv or qrels/test.tsv in {directory}");
    }

    private static Dictionary<string, Dictionary<string, int>> LoadQrels(string path)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            string[] fields = line.Split('\t');
            if (fields.Length < 3 || !int.TryParse(fields[2], out int score))
            {
                // The header line ("query-id corpus-id score") and blank lines carry no judgement.
                continue;
            }

            if (score <= 0)
            {
                continue;
            }

            if (!qrels.TryGetValue(fields[0], out Dictionary<string, int>? relevance))
            {
                relevance = new Dictionary<string, int>(StringComparer.Ordinal);
                qrels[fields[0]] = relevance;
            }

            relevance[fields[1]] = score;
        }

        return qrels;
    }

    private static string NameOf(string fullPath)
    {
        string trimmed = Path.TrimEndingDirectorySeparator(fullPath);
        string leaf = Path.GetFileName(trimmed);
        string parent = Path.GetFileName(Path.GetDirectoryName(trimmed) ?? "");
        return parent.Length == 0 ? leaf : parent + "/" + leaf;
    }
}
