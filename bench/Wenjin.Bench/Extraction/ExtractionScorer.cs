using Wenjin.Hosting.Extraction;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// Scores extracted records against the evaluation set (bench/data/extraction/README.md, "Scoring rules"). A record
/// belongs to the expected document of its schema whose <c>&lt;schema&gt;/&lt;name&gt;</c> its source id is or ends with,
/// else whose file name its source id ends with. A gold document without a record scores 0 on every field; a field a
/// record leaves out is an empty prediction. Only the fields of the evaluation set are scored.
/// </summary>
internal sealed class ExtractionScorer
{
    public const string FreeTextScoring =
        "support (automatic proxy): a _support sentence is covered when the predicted text holds ≥ 60% of its character "
        + "bigrams and all its numbers; a text with a number absent from the document scores 0 (no human/LLM judge)";

    private readonly IReadOnlyList<ExpectedRecord> _expected;
    private readonly string _dataFolder;
    private readonly CategoryScorer _categories;
    private readonly Dictionary<string, EvaluationDocument> _documents = new(StringComparer.Ordinal);

    public ExtractionScorer(IReadOnlyList<ExpectedRecord> expected, string dataFolder, ExtractionTaxonomy taxonomy)
    {
        _expected = expected;
        _dataFolder = dataFolder;
        _categories = new CategoryScorer(taxonomy);
    }

    /// <summary>Scores <paramref name="records"/> for each of <paramref name="schemas"/> (in that order).</summary>
    public ExtractionReport Score(IReadOnlyList<PredictedRecord> records, IReadOnlyList<string> schemas, string source, string? model)
    {
        var ignored = new List<string>();
        var byFile = new Dictionary<string, PredictedRecord>(StringComparer.Ordinal);
        foreach (PredictedRecord record in records)
        {
            ExpectedRecord? gold = Find(record);
            if (gold is null)
            {
                ignored.Add($"{record.Origin}: {record.Schema} '{record.SourceId}' matches no expected document");
            }
            else if (!byFile.TryAdd(gold.File, record))
            {
                ignored.Add($"{record.Origin}: a second record for {gold.File} (the first one is scored)");
            }
        }

        return new ExtractionReport(source, model, FreeTextScoring, [.. schemas.Select(schema => ScoreSchema(schema, byFile))], ignored);
    }

    private ExpectedRecord? Find(PredictedRecord record)
    {
        string source = record.SourceId.Replace('\\', '/');
        var candidates = _expected.Where(gold => string.Equals(gold.Schema, record.Schema, StringComparison.Ordinal)).ToList();
        return candidates.FirstOrDefault(gold => source == gold.File || source.EndsWith("/" + gold.File, StringComparison.Ordinal))
            ?? candidates.FirstOrDefault(gold => string.Equals(record.SourceFileName, gold.FileName, StringComparison.Ordinal));
    }

    private SchemaReport ScoreSchema(string schema, Dictionary<string, PredictedRecord> byFile)
    {
        var golds = _expected.Where(gold => string.Equals(gold.Schema, schema, StringComparison.Ordinal)).ToList();
        var records = golds.Select(gold => byFile.GetValueOrDefault(gold.File)).ToList();
        var credited = new List<string>();
        var fields = new List<FieldReport>();
        foreach (EvaluatedField field in ExtractionFieldCatalog.FieldsOf(schema))
        {
            fields.Add(ScoreField(field, golds, records, credited));
        }

        var present = records.OfType<PredictedRecord>().ToList();
        var droppedByReason = present.SelectMany(record => record.Dropped)
            .GroupBy(entry => entry.Reason.Length > 0 ? entry.Reason : "(no reason)", StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

        var scored = fields.Where(field => field.Support is null).ToList();
        var precisions = scored.Where(field => field.Precision is not null).Select(field => field.Precision!.Value).ToList();
        bool hasFreeText = fields.Any(field => field.Support is not null);
        int quotes = fields.Sum(field => field.Quotes);
        int validQuotes = fields.Sum(field => field.ValidQuotes);
        return new SchemaReport(
            schema,
            golds.Count,
            present.Count,
            fields,
            precisions.Count > 0 ? precisions.Average() : null,
            scored.Count > 0 ? scored.Average(field => field.Recall ?? 0) : 0,
            scored.Count > 0 ? scored.Average(field => field.F1 ?? 0) : 0,
            hasFreeText ? fields.Average(field => field.Support ?? field.F1 ?? 0) : null,
            quotes,
            validQuotes,
            quotes > 0 ? (double)validQuotes / quotes : null,
            present.Sum(record => record.Dropped.Count),
            droppedByReason,
            present.Sum(record => record.Missing.Count),
            credited,
            [.. golds.Where((_, i) => records[i] is null).Select(gold => gold.File)]);
    }

    private FieldReport ScoreField(EvaluatedField field, List<ExpectedRecord> golds, List<PredictedRecord?> records, List<string> credited)
    {
        var scores = new List<DocumentFieldScore>();
        int predicted = 0, quotes = 0, validQuotes = 0, withoutQuote = 0, creditedWithInvalidQuote = 0, dropped = 0, missing = 0;
        for (int i = 0; i < golds.Count; i++)
        {
            ExpectedRecord gold = golds[i];
            PredictedRecord? record = records[i];
            PredictedField? value = record?.Field(field.Name);
            DocumentFieldScore? score = record is null
                ? (field.Rule == ScoringRule.FreeText && gold.Strings(field.Name + "_support").Count == 0 ? null : DocumentFieldScore.NotPredicted)
                : ScoreValue(field, gold, value);
            if (score is not null)
            {
                scores.Add(score);
            }

            if (record is null)
            {
                continue;
            }

            dropped += record.Dropped.Count(entry => entry.FieldName == field.Name);
            missing += record.Missing.Count(name => name == field.Name);
            if (value is null || !value.HasValue)
            {
                continue;
            }

            predicted++;
            EvaluationDocument document = Document(gold);
            int valid = value.Quotes.Count(document.ContainsQuote);
            quotes += value.Quotes.Count;
            validQuotes += valid;
            if (value.Quotes.Count == 0)
            {
                withoutQuote++;
            }
            else if (valid < value.Quotes.Count && score is { IsPositive: true })
            {
                creditedWithInvalidQuote++;
                credited.Add($"{gold.File} {field.Name}: credited value with {value.Quotes.Count - valid} invalid quote(s)");
            }
        }

        return Aggregate(field, scores) with
        {
            Documents = scores.Count,
            Predicted = predicted,
            Quotes = quotes,
            ValidQuotes = validQuotes,
            WithoutQuote = withoutQuote,
            CreditedWithInvalidQuote = creditedWithInvalidQuote,
            Unfaithful = scores.Count(score => score.Unfaithful),
            Dropped = dropped,
            Missing = missing,
        };
    }

    private DocumentFieldScore? ScoreValue(EvaluatedField field, ExpectedRecord gold, PredictedField? value) => field.Rule switch
    {
        ScoringRule.ExactString => ExactStringScorer.Score(field.Name, gold, value),
        ScoringRule.Amount => AmountScorer.Score(field.Name, gold, value),
        ScoringRule.Date => DateScorer.Score(field.Name, gold, value),
        ScoringRule.Category => _categories.Score(field, gold, value),
        ScoringRule.LenientList => LenientListScorer.Score(field.Name, gold, value),
        ScoringRule.Metrics => MetricScorer.Score(field.Name, gold, value),
        ScoringRule.FreeText => SupportProxyScorer.Score(field.Name, gold, value, Document(gold)),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Rule, "Unknown scoring rule."),
    };

    /// <summary>
    /// Exact, amount and date fields: P = correct / predicted documents, R = correct / gold documents, F1 their
    /// harmonic mean. Category, list and metric fields: the per-document P (where defined), R and F1 averaged. Free
    /// text: the per-document support averaged.
    /// </summary>
    private static FieldReport Aggregate(EvaluatedField field, List<DocumentFieldScore> scores)
    {
        var report = new FieldReport(field.Name, field.RuleLabel, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        if (field.Rule == ScoringRule.FreeText)
        {
            return report with { Support = scores.Count > 0 ? scores.Average(score => score.F1) : 0 };
        }

        var precisions = scores.Where(score => score.Precision is not null).Select(score => score.Precision!.Value).ToList();
        double? precision = precisions.Count > 0 ? precisions.Average() : null;
        double recall = scores.Count > 0 ? scores.Average(score => score.Recall) : 0;
        double f1;
        if (field.IsCountedPerDocument)
        {
            double p = precision ?? 0;
            f1 = p + recall > 0 ? 2 * p * recall / (p + recall) : 0;
        }
        else
        {
            f1 = scores.Count > 0 ? scores.Average(score => score.F1) : 0;
        }

        return report with { Precision = precision, PrecisionDocuments = precisions.Count, Recall = recall, F1 = f1 };
    }

    private EvaluationDocument Document(ExpectedRecord gold)
    {
        if (!_documents.TryGetValue(gold.File, out EvaluationDocument? document))
        {
            document = EvaluationDocument.Load(Path.Combine(_dataFolder, gold.File));
            _documents[gold.File] = document;
        }

        return document;
    }
}
