using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wenjin.Errors;
using Wenjin.Evaluation;

namespace Wenjin.Cli.Commands;

/// <summary><c>wenjin eval --kb NAME --qa FILE [--json]</c>: retrieval hit rates, answer accuracy, refusal rates.</summary>
internal static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var kb = new Option<string>("--kb") { Description = "Knowledge base.", Required = true };
        var qa = new Option<string>("--qa") { Description = "QA set: JSON lines {\"id\",\"question\",\"answer\",\"quote\"} (answer null: must be refused).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (with per-question results)." };
        var command = new Command("eval", "Evaluate retrieval and answers on a QA set.") { kb, qa, json };
        command.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            var items = Read(parse.GetValue(qa)!);
            var report = await service.EvaluateAsync(parse.GetValue(kb)!, items, null, ct);
            if (parse.GetValue(json))
            {
                CliContext.WriteJson(report);
                return 0;
            }

            var o = CliContext.Out;
            await o.WriteLineAsync($"questions: {report.Questions} ({report.Answerable} answerable, {report.Unanswerable} unanswerable)");
            await o.WriteLineAsync($"retrieval: hit@1 {P(report.HitAt1)}  hit@5 {P(report.HitAt5)}  hit@10 {P(report.HitAt10)}  MRR {report.Mrr:0.000}");
            await o.WriteLineAsync($"answers:   accuracy {P(report.AnswerAccuracy)} (when retrieved {P(report.AnswerAccuracyWhenRetrieved)}), citation accuracy {P(report.CitationAccuracy)}");
            await o.WriteLineAsync($"refusal:   unanswerable refused {P(report.RefusalRate)}, false refusals {P(report.FalseRefusalRate)}");
            await o.WriteLineAsync($"speed:     {report.MeanAskMs:0.0} ms per question");
            return 0;
        }));
        return command;
    }

    private static string P(double ratio) => (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static List<QaItem> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw WenjinException.Invalid($"QA file '{path}' does not exist.");
        }

        var items = new List<QaItem>();
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                string? question = Get(root, "question") ?? Get(root, "query") ?? Get(root, "text");
                if (string.IsNullOrWhiteSpace(question))
                {
                    throw WenjinException.Invalid($"{path}:{lineNumber}: missing \"question\".");
                }

                items.Add(new QaItem(Get(root, "id") ?? lineNumber.ToString(CultureInfo.InvariantCulture), question, Get(root, "answer"), Get(root, "quote")));
            }
            catch (JsonException e)
            {
                throw WenjinException.Invalid($"{path}:{lineNumber}: not a JSON object ({e.Message}).");
            }
        }

        return items;
    }

    private static string? Get(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;
}
