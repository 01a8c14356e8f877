using System.CommandLine;
using Wenjin.Cli.Commands;

namespace Wenjin.Cli;

/// <summary>The command tree of CONTRACTS.md: one command class per verb, sharing the global --data option.</summary>
internal static class WenjinCommandLine
{
    public static RootCommand Build()
    {
        var data = new Option<string?>("--data")
        {
            Description = "Data directory (default: $WENJIN_DATA, else ./.wenjin).",
            Recursive = true,
        };
        var context = new CliContext(data);
        var root = new RootCommand("Wenjin 问津 — ask your documents; answers cite their sources or say the documents do not say.");
        root.Options.Add(data);
        root.Subcommands.Add(KbCommand.Create(context));
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(DocsCommand.Create(context));
        root.Subcommands.Add(SearchCommand.Create(context));
        root.Subcommands.Add(AskCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(SchemasCommand.Create(context));
        root.Subcommands.Add(ExtractCommand.Create(context));
        root.Subcommands.Add(BriefCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(UsersCommand.Create(context));
        return root;
    }
}
