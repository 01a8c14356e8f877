using System.CommandLine;
using Wenjin.Briefs;
using Wenjin.Extraction;

namespace Wenjin.Cli.Commands;

/// <summary>
/// <c>wenjin brief --kb NAME --topic "…" [--max N] [--json] [--rules | --model]</c>: a short report on the topic from
/// the knowledge base, every sentence with its citation; the sources follow with page, span and verbatim quote.
/// </summary>
internal static class BriefCommand
{
    public static Command Create(CliContext context)
    {
        var kb = new Option<string>("--kb") { Description = "Knowledge base.", Required = true };
        var topic = new Option<string>("--topic") { Description = "What the brief is about, e.g. \"金融领域大模型应用的主要成效\".", Required = true };
        var max = new Option<int>("--max") { Description = "At most this many sentences (default 12).", DefaultValueFactory = _ => 12 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var rules = new Option<bool>("--rules") { Description = "Without the model: sentences taken verbatim from the documents." };
        var model = new Option<bool>("--model") { Description = "With the configured chat model (an error when none is)." };
        var command = new Command("brief", "Write a short report on a topic; every sentence cites its source.") { kb, topic, max, json, rules, model };
        command.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            if (parse.GetValue(rules) && parse.GetValue(model))
            {
                await CliContext.Error.WriteLineAsync("error: choose at most one of --rules and --model.");
                return 1;
            }

            var mode = parse.GetValue(rules) ? ExtractionMode.Rules : parse.GetValue(model) ? ExtractionMode.Model : ExtractionMode.Auto;
            var brief = await service.BriefAsync(parse.GetValue(kb)!, new BriefRequest(parse.GetValue(topic)!) { MaxSentences = parse.GetValue(max), Mode = mode }, ct);
            if (parse.GetValue(json))
            {
                CliContext.WriteJson(brief);
                return 0;
            }

            await PrintAsync(brief);
            return 0;
        }));
        return command;
    }

    private static async Task PrintAsync(Brief brief)
    {
        await CliContext.Out.WriteLineAsync($"# {brief.Topic}");
        if (brief.ModelError is not null)
        {
            await CliContext.Error.WriteLineAsync($"warning: {brief.ModelError}; written without the model.");
        }

        if (brief.Note is not null)
        {
            await CliContext.Out.WriteLineAsync();
            await CliContext.Out.WriteLineAsync(brief.Note);
        }

        foreach (var section in brief.Sections)
        {
            await CliContext.Out.WriteLineAsync();
            await CliContext.Out.WriteLineAsync($"## {section.Heading}");
            foreach (var sentence in section.Sentences)
            {
                await CliContext.Out.WriteLineAsync($"- {sentence.Text.ReplaceLineEndings(" ")}{string.Concat(sentence.Citations.Select(i => $"[{i}]"))}");
            }
        }

        if (brief.Citations.Count > 0)
        {
            await CliContext.Out.WriteLineAsync();
            await CliContext.Out.WriteLineAsync("sources:");
        }

        foreach (var c in brief.Citations)
        {
            string page = c.Page is { } p ? $", p.{p}" : string.Empty;
            string quote = c.Quote.ReplaceLineEndings(" ");
            quote = quote.Length <= 200 ? quote : string.Concat(quote.AsSpan(0, 200), "…");
            await CliContext.Out.WriteLineAsync($"[{c.Index}] {c.Title ?? c.SourceId}{page} [{c.Start}-{c.End}]: {quote}");
        }
    }
}
