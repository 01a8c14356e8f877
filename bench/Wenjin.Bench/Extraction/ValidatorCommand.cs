using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wenjin.Bench.Reporting;
using Wenjin.Hosting;
using Wenjin.Hosting.Extraction;
using Wenjin.Text.Extraction;

namespace Wenjin.Bench.Extraction;

/// <summary>
/// How strict extraction's validation is, with no model: the evaluation set's documents are ingested, and scripted
/// "model outputs" are validated against them — the gold record (every value must be kept) and, field by field, the
/// ways a model invents: another document's name or list item, a changed amount, a shifted date, a URL with one
/// character changed, a metric with its value changed, a province the document never names, and another document's
/// sentence as a summary (every one must be dropped). An invention that happens to occur in the document is skipped,
/// so "dropped" counts only values the document really does not back. Categories are not scripted: a category is kept
/// exactly when one of its terms occurs, which is the rule itself.
/// </summary>
internal static class ValidatorCommand
{
    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        string dataFolder = options.Value("data") ?? Path.Combine(Path.GetDirectoryName(BaselineFile.DefaultPath())!, "data", "extraction");
        var expected = ExpectedRecordReader.Read(Path.Combine(dataFolder, "expected.jsonl"));
        string temp = Path.Combine(Path.GetTempPath(), "wenjin-extract-verify-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var service = KnowledgeBaseService.Open(temp);
            var documents = new Dictionary<string, SourceDocument>(StringComparer.Ordinal);
            foreach (string schema in ExtractionFieldCatalog.Schemas)
            {
                await service.IngestPathsAsync(schema, [Path.Combine(dataFolder, schema)]).ConfigureAwait(false);
                foreach (var info in await service.ListDocumentsAsync(schema).ConfigureAwait(false))
                {
                    var content = await service.GetDocumentContentAsync(schema, info.Id).ConfigureAwait(false);
                    documents[schema + "/" + Path.GetFileName(info.SourceId)] = SourceDocument.FromContent(content);
                }
            }

            var catalog = SchemaCatalog.ForDataDirectory(temp);
            var validator = new RecordValidator(ExtractionTaxonomy.Default);
            var provinces = new ProvinceMatcher();
            var faithful = new SortedDictionary<string, (int Given, int Kept)>(StringComparer.Ordinal);
            var invented = new SortedDictionary<string, (int Given, int Dropped)>(StringComparer.Ordinal);
            foreach (var record in expected)
            {
                if (!documents.TryGetValue(record.File, out var document))
                {
                    Console.Error.WriteLine($"[extract-verify] {record.File}: not ingested; skipped");
                    continue;
                }

                var schema = catalog.Get(record.Schema);
                var others = expected.Where(e => e.Schema == record.Schema && e.File != record.File).ToList();
                var other = others[Math.Abs(StringComparer.Ordinal.GetHashCode(record.File)) % others.Count];
                string folded = TextNormalizer.Normalize(document.Text);
                foreach (var field in ExtractionFieldCatalog.FieldsOf(record.Schema))
                {
                    var gold = Gold(record, field);
                    if (gold is not null)
                    {
                        var kept = validator.Validate(schema, new Dictionary<string, JsonElement> { [field.Name] = gold.Value }, document);
                        int given = gold.Value.ValueKind == JsonValueKind.Array ? gold.Value.GetArrayLength() : 1;
                        int keptCount = kept.Fields.TryGetValue(field.Name, out var value) ? (value.Value.ValueKind == JsonValueKind.Array ? value.Value.GetArrayLength() : 1) : 0;
                        Add(faithful, field.Name, given, keptCount);
                    }

                    foreach (var (kind, candidate) in Inventions(record, other, field, document, folded, provinces))
                    {
                        var result = validator.Validate(schema, new Dictionary<string, JsonElement> { [field.Name] = candidate }, document);
                        bool dropped = !result.Fields.ContainsKey(field.Name);
                        Add(invented, $"{field.Name}: {kind}", 1, dropped ? 1 : 0);
                        if (!dropped)
                        {
                            Console.Error.WriteLine($"[extract-verify] kept an invention in {record.File} {field.Name} ({kind}): {candidate.GetRawText()}");
                        }
                    }
                }
            }

            Print(faithful, invented, expected.Count);
            return 0;
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>The gold value as a model would return it (free text: its key sentences joined), or null when absent.</summary>
    private static JsonElement? Gold(ExpectedRecord record, EvaluatedField field)
    {
        if (field.Rule == ScoringRule.FreeText)
        {
            var support = record.Strings(field.Name + "_support");
            return support.Count == 0 ? null : JsonSerializer.SerializeToElement(string.Join("。", support.Select(s => s.TrimEnd('。'))) + "。");
        }

        var value = record.Field(field.Name);
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0))
        {
            return null;
        }

        return field.Rule == ScoringRule.Metrics ? WithoutText(value) : value;
    }

    private static IEnumerable<(string Kind, JsonElement Candidate)> Inventions(ExpectedRecord record, ExpectedRecord other, EvaluatedField field, SourceDocument document, string folded, ProvinceMatcher provinces)
    {
        var gold = record.Field(field.Name);
        var theirs = other.Field(field.Name);
        bool Absent(string text) => !folded.Contains(TextNormalizer.Normalize(text), StringComparison.Ordinal);
        switch (field.Rule)
        {
            case ScoringRule.ExactString when field.Name == "省份":
                var named = provinces.Match(document.Text).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
                string? province = ProvinceMatcher.Provinces.FirstOrDefault(p => !named.Contains(p));
                if (province is not null)
                {
                    yield return ("a province the document never names", JsonSerializer.SerializeToElement(province));
                }

                break;
            case ScoringRule.ExactString when field.Name == "链接" && gold.ValueKind == JsonValueKind.String:
                string url = gold.GetString()!;
                string changed = url[..^6] + (url[^6] == 'x' ? 'y' : 'x') + url[^5..];
                if (Absent(changed))
                {
                    yield return ("URL with one character changed", JsonSerializer.SerializeToElement(changed));
                }

                break;
            case ScoringRule.ExactString when theirs.ValueKind == JsonValueKind.String && Absent(theirs.GetString()!):
                yield return ("another document's value", theirs);
                break;
            case ScoringRule.Amount when gold.ValueKind == JsonValueKind.Number:
                yield return ("amount changed by 10 %", JsonSerializer.SerializeToElement(decimal.Round(gold.GetDecimal() * 1.1m, 2)));
                break;
            case ScoringRule.Date when gold.ValueKind == JsonValueKind.String && DateOnly.TryParse(gold.GetString(), CultureInfo.InvariantCulture, out var date):
                yield return ("date shifted by 3 days", JsonSerializer.SerializeToElement(date.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
                break;
            case ScoringRule.LenientList:
                string? item = other.Strings(field.Name).FirstOrDefault(i => i.Length > 1 && Absent(i));
                if (item is not null)
                {
                    yield return ("another document's item", JsonSerializer.SerializeToElement(new[] { item }));
                }

                break;
            case ScoringRule.Metrics when gold.ValueKind == JsonValueKind.Array && gold.GetArrayLength() > 0:
                var metric = JsonNode.Parse(gold[0].GetRawText())!.AsObject();
                metric.Remove("text");
                metric["数值"] = decimal.Round(metric["数值"]!.GetValue<decimal>() * 1.5m + 1, 2);
                yield return ("metric value changed", JsonSerializer.SerializeToElement(new JsonArray(metric)));
                break;
            case ScoringRule.FreeText:
                string? sentence = other.Strings(field.Name + "_support").FirstOrDefault(Absent);
                if (sentence is not null)
                {
                    yield return ("another document's sentence", JsonSerializer.SerializeToElement(sentence));
                }

                string? withNumber = record.Strings(field.Name + "_support").FirstOrDefault(s => s.Any(char.IsAsciiDigit));
                if (withNumber is not null)
                {
                    int at = withNumber.IndexOf(withNumber.First(char.IsAsciiDigit));
                    string altered = withNumber[..at] + (withNumber[at] == '9' ? '1' : (char)(withNumber[at] + 1)) + withNumber[(at + 1)..];
                    yield return ("its own sentence with a digit changed", JsonSerializer.SerializeToElement(altered));
                }

                break;
        }
    }

    private static JsonElement WithoutText(JsonElement metrics)
    {
        var array = JsonNode.Parse(metrics.GetRawText())!.AsArray();
        foreach (var item in array)
        {
            item?.AsObject().Remove("text");
        }

        return JsonSerializer.SerializeToElement(array);
    }

    private static void Add(SortedDictionary<string, (int, int)> tally, string key, int given, int hit)
    {
        var (g, h) = tally.GetValueOrDefault(key);
        tally[key] = (g + given, h + hit);
    }

    private static void Print(SortedDictionary<string, (int Given, int Kept)> faithful, SortedDictionary<string, (int Given, int Dropped)> invented, int records)
    {
        Console.WriteLine($"## Validation of scripted model outputs on the extraction set ({records} expected records)");
        Console.WriteLine();
        var kept = new MarkdownTable("gold values (must be kept)", "values", "kept", "rate");
        foreach (var (field, (given, hit)) in faithful)
        {
            kept.AddRow(field, Count(given), Count(hit), Rate(hit, given));
        }

        kept.AddRow("all", Count(faithful.Values.Sum(v => v.Given)), Count(faithful.Values.Sum(v => v.Kept)), Rate(faithful.Values.Sum(v => v.Kept), faithful.Values.Sum(v => v.Given)));
        Console.WriteLine(kept);
        var dropped = new MarkdownTable("invented values (must be dropped)", "cases", "dropped", "rate");
        foreach (var (kind, (given, hit)) in invented)
        {
            dropped.AddRow(kind, Count(given), Count(hit), Rate(hit, given));
        }

        dropped.AddRow("all", Count(invented.Values.Sum(v => v.Given)), Count(invented.Values.Sum(v => v.Dropped)), Rate(invented.Values.Sum(v => v.Dropped), invented.Values.Sum(v => v.Given)));
        Console.WriteLine(dropped);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Rate(int hit, int given) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * hit / Math.Max(1, given):0.0} %");

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
