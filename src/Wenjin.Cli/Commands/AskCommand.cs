using System.CommandLine;

namespace Wenjin.Cli.Commands;

/// <summary><c>wenjin ask --kb NAME [--json] QUESTION</c> and <c>--json --batch FILE</c>.</summary>
internal static class AskCommand
{
    public static Command Create(CliContext context)
    {
        var kb = new Option<string>("--kb") { Description = "Knowledge base.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var batch = new Option<string?>("--batch") { Description = "JSON lines of {\"id\",\"question\"}; prints one JSON line each (needs --json)." };
        var question = new Argument<string[]>("QUESTION") { Description = "The question.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ask", "Ask a question: a cited answer from the documents, or a refusal.") { kb, json, batch, question };
        command.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            string name = parse.GetValue(kb)!;
            bool asJson = parse.GetValue(json);
            if (parse.GetValue(batch) is { } file)
            {
                return await BatchFile.RunAsync(file, asJson, text => service.AskAsync(name, text, ct));
            }

            var result = await service.AskAsync(name, string.Join(' ', parse.GetValue(question) ?? []), ct);
            if (asJson)
            {
                CliContext.WriteJson(result);
                return 0;
            }

            await CliContext.Out.WriteLineAsync(result.Answer);
            if (result.Citations.Count > 0)
            {
                await CliContext.Out.WriteLineAsync(result.Refused ? "\nclosest passages:" : "\nsources:");
            }

            foreach (var c in result.Citations)
            {
                string page = c.Page is { } p ? $", p.{p}" : string.Empty;
                string quote = c.Quote.ReplaceLineEndings(" ");
                quote = quote.Length <= 200 ? quote : string.Concat(quote.AsSpan(0, 200), "…");
                await CliContext.Out.WriteLineAsync($"[{c.Index}] {c.Title ?? c.SourceId}{page} [{c.Start}-{c.End}]: {quote}");
            }

            return 0;
        }));
        return command;
    }
}
