using System.CommandLine;
using Wenjin.Search;

namespace Wenjin.Cli.Commands;

/// <summary><c>wenjin search --kb NAME [--top K] [--json] [--explain] QUERY</c> and <c>--json --batch FILE</c>.</summary>
internal static class SearchCommand
{
    public static Command Create(CliContext context)
    {
        var kb = new Option<string>("--kb") { Description = "Knowledge base.", Required = true };
        var top = new Option<int>("--top") { Description = "How many chunks to return.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var explain = new Option<bool>("--explain") { Description = "Show how each score was computed." };
        var batch = new Option<string?>("--batch") { Description = "JSON lines of {\"id\",\"question\"}; prints one JSON line each (needs --json)." };
        var query = new Argument<string[]>("QUERY") { Description = "What to search for.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("search", "Search a knowledge base; ranked chunks with their provenance.") { kb, top, json, explain, batch, query };
        command.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            string name = parse.GetValue(kb)!;
            bool asJson = parse.GetValue(json);
            if (parse.GetValue(batch) is { } file)
            {
                return await BatchFile.RunAsync(file, asJson, text => service.SearchAsync(name, new SearchRequest(text) { Top = parse.GetValue(top), Explain = parse.GetValue(explain) }, ct));
            }

            string text = string.Join(' ', parse.GetValue(query) ?? []);
            var result = await service.SearchAsync(name, new SearchRequest(text) { Top = parse.GetValue(top), Explain = parse.GetValue(explain) }, ct);
            if (asJson)
            {
                CliContext.WriteJson(result);
                return 0;
            }

            await CliContext.Out.WriteLineAsync($"{result.Hits.Count} hits in {result.TookMs:0.0} ms");
            foreach (var hit in result.Hits)
            {
                string page = hit.Page is { } p ? $" p.{p}" : string.Empty;
                await CliContext.Out.WriteLineAsync($"\n#{hit.Rank}  {hit.Score:0.000}  {hit.Title ?? hit.SourceId}{page}  [{hit.Start}-{hit.End}]");
                await CliContext.Out.WriteLineAsync(Preview(hit.Text));
                if (hit.Explanation is { } e)
                {
                    ExplanationPrinter.Print(CliContext.Out, e, 1);
                }
            }

            return 0;
        }));
        return command;
    }

    private static string Preview(string text)
    {
        string flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 160 ? flat : string.Concat(flat.AsSpan(0, 160), "…");
    }
}
