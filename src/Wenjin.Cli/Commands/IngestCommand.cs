using System.CommandLine;

namespace Wenjin.Cli.Commands;

/// <summary><c>wenjin ingest --kb NAME PATH...</c>: progress on stderr, a summary at the end.</summary>
internal static class IngestCommand
{
    public static Command Create(CliContext context)
    {
        var kb = new Option<string>("--kb") { Description = "Knowledge base (created when missing).", Required = true };
        var paths = new Argument<string[]>("PATH") { Description = "Files or folders (recursive).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Add files and folders to a knowledge base (.txt .md .html .pdf .docx .jsonl).") { kb, paths };
        command.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            using var progress = new IngestProgressPrinter(CliContext.Error);
            var summary = await service.IngestPathsAsync(parse.GetValue(kb)!, parse.GetValue(paths)!, progress, ct);
            progress.Finish();
            foreach (var failure in summary.Failures)
            {
                await CliContext.Error.WriteLineAsync($"failed: {failure.SourceId} [{failure.Stage}] {failure.Error}");
            }

            double mb = summary.Bytes / (1024.0 * 1024.0);
            await CliContext.Error.WriteLineAsync(
                $"documents: {summary.Indexed} indexed, {summary.Unchanged} unchanged, {summary.Failed} failed; "
                + $"{summary.Chunks} chunks; {mb:0.0} MB in {summary.Seconds:0.0} s ({(summary.Seconds > 0 ? mb / summary.Seconds : 0):0.0} MB/s)");
            return 0;
        }));
        return command;
    }
}
