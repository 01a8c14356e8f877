using System.CommandLine;
using System.Text.Json;
using Wenjin.Extraction;
using Wenjin.Hosting.Extraction.Export;

namespace Wenjin.Cli.Commands;

/// <summary>
/// <c>wenjin extract --kb NAME --schema SCHEMA (--doc ID ... | --all) [--json | --csv [FILE] | --xlsx FILE] [--rules | --model]</c>:
/// one record per document, stored in the knowledge base and printed (JSON lines in the CONTRACTS.md shape with --json).
/// A document that cannot be extracted is reported on stderr and the others go on; the exit code is then 1.
/// </summary>
internal static class ExtractCommand
{
    public static Command Create(CliContext context)
    {
        var kb = new Option<string>("--kb") { Description = "Knowledge base.", Required = true };
        var schema = new Option<string>("--schema") { Description = "Schema: news-brief, application-case, bid-award, or a user schema in DATA/schemas.", Required = true };
        var doc = new Option<string[]>("--doc") { Description = "Document id (repeatable; wenjin docs lists them).", AllowMultipleArgumentsPerToken = true };
        var all = new Option<bool>("--all") { Description = "Every indexed document." };
        var json = new Option<bool>("--json") { Description = "Print one JSON record per line." };
        var csv = new Option<string?>("--csv") { Description = "Write the records as CSV to FILE (stdout without FILE).", Arity = ArgumentArity.ZeroOrOne };
        var xlsx = new Option<string?>("--xlsx") { Description = "Write the records as an Excel workbook to FILE." };
        var rules = new Option<bool>("--rules") { Description = "Extract without the model even when one is configured." };
        var model = new Option<bool>("--model") { Description = "Extract with the configured chat model (an error when none is)." };
        var command = new Command("extract", "Turn documents into records of a schema; every value carries its evidence.") { kb, schema, doc, all, json, csv, xlsx, rules, model };
        command.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            string[] ids = parse.GetValue(doc) ?? [];
            bool everyDocument = parse.GetValue(all);
            if (ids.Length == 0 == !everyDocument)
            {
                await CliContext.Error.WriteLineAsync("error: say which documents: --doc ID (repeatable) or --all.");
                return 1;
            }

            bool csvChosen = parse.GetResult(csv) is not null;
            string? xlsxFile = parse.GetValue(xlsx);
            if ((parse.GetValue(json) ? 1 : 0) + (csvChosen ? 1 : 0) + (xlsxFile is null ? 0 : 1) > 1 || (parse.GetValue(rules) && parse.GetValue(model)))
            {
                await CliContext.Error.WriteLineAsync("error: choose one output (--json, --csv or --xlsx) and at most one of --rules and --model.");
                return 1;
            }

            string name = parse.GetValue(kb)!;
            var mode = parse.GetValue(rules) ? ExtractionMode.Rules : parse.GetValue(model) ? ExtractionMode.Model : ExtractionMode.Auto;
            var description = await service.GetSchemaAsync(parse.GetValue(schema)!, ct);
            var request = new ExtractionRequest(description.Name) { DocIds = everyDocument ? null : ids, Mode = mode };
            var records = new List<StoredRecord>();
            int failed = 0;
            await foreach (var outcome in service.ExtractAsync(name, request, ct))
            {
                if (outcome.Record is null)
                {
                    failed++;
                    await CliContext.Error.WriteLineAsync($"error: {outcome.DocId} {outcome.SourceId}: {outcome.Error}");
                    continue;
                }

                records.Add(outcome.Record);
                if (outcome.Record.ModelError is not null)
                {
                    await CliContext.Error.WriteLineAsync($"warning: {outcome.SourceId}: {outcome.Record.ModelError}; extracted without the model.");
                }

                if (parse.GetValue(json))
                {
                    CliContext.WriteJson(outcome.Record.Record);
                }
                else if (!csvChosen && xlsxFile is null)
                {
                    await PrintAsync(outcome.Record);
                }
            }

            if (csvChosen || xlsxFile is not null)
            {
                var table = RecordTable.Build(description, records);
                string? csvFile = parse.GetValue(csv);
                if (xlsxFile is not null || csvFile is not null)
                {
                    string path = xlsxFile ?? csvFile!;
                    await using (var file = File.Create(path))
                    {
                        if (xlsxFile is not null)
                        {
                            RecordXlsxWriter.Write(table, description.Name, file);
                        }
                        else
                        {
                            RecordCsvWriter.Write(table, file);
                        }
                    }

                    await CliContext.Error.WriteLineAsync($"{records.Count} records written to {path}");
                }
                else
                {
                    await using var stdout = Console.OpenStandardOutput();
                    RecordCsvWriter.Write(table, stdout);
                }
            }

            if (!parse.GetValue(json) && !csvChosen && xlsxFile is null)
            {
                await CliContext.Out.WriteLineAsync($"{records.Count} records ({description.Name}){(failed > 0 ? $", {failed} documents not extracted" : "")}");
            }

            return failed > 0 ? 1 : 0;
        }));
        return command;
    }

    private static async Task PrintAsync(StoredRecord stored)
    {
        var record = stored.Record;
        await CliContext.Out.WriteLineAsync($"── {stored.Title ?? record.SourceId}  ({record.DocId}, {stored.Method})");
        foreach (var (field, value) in record.Fields)
        {
            string shown = value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString()! : JsonSerializer.Serialize(value.Value, Hosting.Json.WenjinJson.Options);
            var first = value.Evidence[0];
            string quote = first.Quote.ReplaceLineEndings(" ");
            quote = quote.Length <= 60 ? quote : string.Concat(quote.AsSpan(0, 60), "…");
            string page = first.Page is { } p ? $"p.{p} " : string.Empty;
            string more = value.Evidence.Count > 1 ? $" (+{value.Evidence.Count - 1})" : string.Empty;
            await CliContext.Out.WriteLineAsync($"  {field}: {shown.ReplaceLineEndings(" ")}");
            await CliContext.Out.WriteLineAsync($"      ← {page}[{first.Start}-{first.End}] «{quote}»{more}");
        }

        foreach (var dropped in record.Dropped)
        {
            await CliContext.Out.WriteLineAsync($"  dropped {dropped.Field} \"{dropped.Value}\": {dropped.Reason} ({dropped.Detail})");
        }

        if (record.Missing.Count > 0)
        {
            await CliContext.Out.WriteLineAsync($"  missing: {string.Join("、", record.Missing)}");
        }
    }
}
