using Wenjin.Bench.Beir;
using Wenjin.Bench.Corpus;

namespace Wenjin.Bench.Hybrid;

/// <summary>
/// A BEIR dataset cut to size for the <c>hybrid</c> benchmark. With a document limit only the first documents of
/// corpus.jsonl are kept, and with them only the queries that still have a judged document, each judged against the
/// kept documents alone (so recall measures what can be found); the query limit then takes the first of those.
/// </summary>
internal sealed class JudgedCorpus
{
    private JudgedCorpus(string name, IReadOnlyList<CorpusDocument> documents, IReadOnlyList<BeirQuery> queries)
    {
        Name = name;
        Documents = documents;
        Queries = queries;
    }

    /// <summary>The dataset's name as the other commands print it ("cmrc2018/beir_dev").</summary>
    public string Name { get; }

    public IReadOnlyList<CorpusDocument> Documents { get; }

    public IReadOnlyList<BeirQuery> Queries { get; }

    public static JudgedCorpus Load(string directory, int? limitDocuments, int? limitQueries)
    {
        if (limitDocuments is null)
        {
            BeirDataset whole = BeirDataset.Load(directory, limitQueries);
            return new JudgedCorpus(whole.Name, whole.Documents, whole.Queries);
        }

        BeirDataset dataset = BeirDataset.Load(directory);
        List<CorpusDocument> documents = [.. dataset.Documents.Take(limitDocuments.Value)];
        var kept = new HashSet<string>(documents.Select(document => document.Id), StringComparer.Ordinal);
        var queries = new List<BeirQuery>();
        foreach (BeirQuery query in dataset.Queries)
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

        return new JudgedCorpus(dataset.Name, documents, queries);
    }
}
