using System.Text.Json;
using System.Text.Json.Nodes;
using Wenjin.Bench.Extraction;
using Wenjin.Hosting.Extraction;

namespace Wenjin.Bench.Tests.Extraction;

/// <summary>
/// bench/data/extraction/expected.jsonl turned into predictions (values as the schema asks for them, verbatim
/// strings quoted as evidence) must score 1 everywhere: the scorer and the data agree.
/// </summary>
public sealed class ExpectedSetSelfScoreTests
{
    private static readonly string DataFolder = Path.Combine(TestRecords.RepositoryRoot(), "bench", "data", "extraction");

    [Fact]
    public void ExpectedRecordsAsPredictions_ScoreOneOnEveryField_WithEveryQuoteValid()
    {
        IReadOnlyList<ExpectedRecord> expected = ExpectedRecordReader.Read(Path.Combine(DataFolder, "expected.jsonl"));
        string[] lines = [.. expected.Select((gold, i) => AsPrediction(gold, i % 2 == 0 ? gold.FileName : "extraction/" + gold.File).ToJsonString())];
        var scorer = new ExtractionScorer(expected, DataFolder, ExtractionTaxonomy.Default);

        ExtractionReport report = scorer.Score(PredictedRecordReader.ReadLines(lines, "expected"), ExtractionFieldCatalog.Schemas, "expected", model: null);

        Assert.Empty(report.IgnoredRecords);
        Assert.Equal(3, report.Schemas.Count);
        foreach (SchemaReport schema in report.Schemas)
        {
            Assert.Equal((12, 12), (schema.Documents, schema.Records));
            foreach (FieldReport field in schema.Fields)
            {
                string where = $"{schema.Schema} {field.Field}";
                if (field.Support is not null)
                {
                    Assert.True(field.Support == 1, $"{where}: support {field.Support}");
                    continue;
                }

                Assert.True(field.Precision == 1 && field.Recall == 1 && field.F1 == 1, $"{where}: P {field.Precision} R {field.Recall} F1 {field.F1}");
            }

            Assert.True(schema.MacroF1 == 1, $"{schema.Schema}: macro F1 {schema.MacroF1}");
            Assert.True(schema.ValidQuoteShare == 1, $"{schema.Schema}: {schema.ValidQuotes}/{schema.Quotes} quotes valid");
            Assert.Empty(schema.CreditedWithInvalidQuote);
        }
    }

    private static JsonObject AsPrediction(ExpectedRecord gold, string sourceId)
    {
        var fields = new JsonObject();
        foreach (EvaluatedField field in ExtractionFieldCatalog.FieldsOf(gold.Schema))
        {
            JsonElement value = gold.Field(field.Name);
            (JsonNode? predicted, IEnumerable<string> quotes) = field.Rule switch
            {
                ScoringRule.ExactString or ScoringRule.LenientList => (JsonNode.Parse(value.GetRawText()), gold.Strings(field.Name)),
                ScoringRule.Amount or ScoringRule.Date => (JsonNode.Parse(value.GetRawText()), gold.Strings(field.Name + "_text")),
                ScoringRule.Category => (JsonNode.Parse(value.GetRawText()), Enumerable.Empty<string>()),
                ScoringRule.Metrics => (
                    new JsonArray([.. value.EnumerateArray().Select(metric => (JsonNode)new JsonObject
                    {
                        ["指标"] = metric.GetProperty("指标").GetString(),
                        ["数值"] = metric.GetProperty("数值").GetDouble(),
                        ["单位"] = metric.GetProperty("单位").GetString(),
                    })]),
                    value.EnumerateArray().Select(metric => metric.GetProperty("text").GetString()!)),
                ScoringRule.FreeText => (JsonValue.Create(string.Join("。", gold.Strings(field.Name + "_support"))), gold.Strings(field.Name + "_support")),
                _ => throw new InvalidOperationException(field.Rule.ToString()),
            };
            fields[field.Name] = new JsonObject
            {
                ["value"] = predicted,
                ["evidence"] = new JsonArray([.. quotes.Select(quote => (JsonNode)new JsonObject { ["quote"] = quote })]),
            };
        }

        return new JsonObject
        {
            ["schema"] = gold.Schema,
            ["docId"] = gold.FileName,
            ["sourceId"] = sourceId,
            ["fields"] = fields,
            ["dropped"] = new JsonArray(),
            ["missing"] = new JsonArray(),
        };
    }
}
