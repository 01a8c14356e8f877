using Wenjin.Hosting.Extraction;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// Category fields (行业, AI技术, 应用类型, 领域): set precision and recall per document. A predicted name in the gold
/// list is a TP; one in the <c>_optional</c> list is ignored; any other name, including one that is not a category of
/// the field's facet in the taxonomy, is an FP. Names are compared exactly; repeated names count once.
/// </summary>
internal sealed class CategoryScorer
{
    private readonly ExtractionTaxonomy _taxonomy;

    public CategoryScorer(ExtractionTaxonomy taxonomy)
    {
        _taxonomy = taxonomy;
    }

    public DocumentFieldScore Score(EvaluatedField field, ExpectedRecord gold, PredictedField? predicted)
    {
        var categories = new HashSet<string>((_taxonomy.Find(field.Facet!) ?? []).Select(category => category.Name), StringComparer.Ordinal);
        var expected = new HashSet<string>(gold.Strings(field.Name), StringComparer.Ordinal);
        var optional = new HashSet<string>(gold.Strings(field.Name + "_optional"), StringComparer.Ordinal);

        int truePositives = 0;
        int falsePositives = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? name in PredictedItems.Strings(predicted))
        {
            if (name is null)
            {
                falsePositives++;
                continue;
            }

            if (!seen.Add(name))
            {
                continue;
            }

            if (expected.Contains(name))
            {
                truePositives++;
            }
            else if (!optional.Contains(name) || !categories.Contains(name))
            {
                falsePositives++;
            }
        }

        return DocumentFieldScore.FromCounts(truePositives, truePositives + falsePositives, expected.Count);
    }
}
