using System.CommandLine;

namespace Wenjin.Cli.Commands;

/// <summary><c>wenjin kb create|list|delete</c>.</summary>
internal static class KbCommand
{
    public static Command Create(CliContext context)
    {
        var kb = new Command("kb", "Create, list and delete knowledge bases.");

        var name = new Argument<string>("NAME") { Description = "Knowledge base name (letters, digits, CJK, - _ .)." };
        var description = new Option<string?>("--description") { Description = "What the knowledge base holds." };
        var create = new Command("create", "Create a knowledge base.") { name, description };
        create.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            var info = await service.CreateAsync(parse.GetValue(name)!, parse.GetValue(description), ct);
            await CliContext.Out.WriteLineAsync($"created knowledge base '{info.Name}' (analyzer {info.Analyzer})");
            return 0;
        }));

        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var list = new Command("list", "List knowledge bases.") { json };
        list.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            var all = await service.ListAsync(ct);
            if (parse.GetValue(json))
            {
                CliContext.WriteJson(all.Select(k => new
                {
                    name = k.Name,
                    description = k.Description,
                    analyzer = k.Analyzer.ToString(),
                    documents = k.DocumentCount,
                    chunks = k.ChunkCount,
                    createdAt = k.CreatedAt,
                }));
                return 0;
            }

            if (all.Count == 0)
            {
                await CliContext.Out.WriteLineAsync("no knowledge bases yet: wenjin ingest --kb NAME PATH... creates one.");
            }

            foreach (var k in all)
            {
                await CliContext.Out.WriteLineAsync($"{k.Name}\t{k.DocumentCount} documents\t{k.ChunkCount} chunks\t{k.Description}");
            }

            return 0;
        }));

        var deleteName = new Argument<string>("NAME") { Description = "Knowledge base to delete with all its documents." };
        var delete = new Command("delete", "Delete a knowledge base and everything in it.") { deleteName };
        delete.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            await service.DeleteAsync(parse.GetValue(deleteName)!, ct);
            await CliContext.Out.WriteLineAsync($"deleted knowledge base '{parse.GetValue(deleteName)}'");
            return 0;
        }));

        kb.Subcommands.Add(create);
        kb.Subcommands.Add(list);
        kb.Subcommands.Add(delete);
        return kb;
    }
}
