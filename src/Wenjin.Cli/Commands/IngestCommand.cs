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
            await EmbedAsync(service, parse.GetValue(kb)!, ct);
            return 0;
        }));
        return command;
    }

    // With an embedding model configured, the new chunks are embedded right away so that search sees them; a failure
    // leaves the documents indexed and the vectors resumable (by the next ingest or the server's background worker).
    private static async Task EmbedAsync(Hosting.KnowledgeBaseService service, string kb, CancellationToken cancellationToken)
    {
        var status = await service.GetEmbeddingStatusAsync(kb, cancellationToken);
        if (status.ConfiguredModel is null)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = new Progress<Storage.EmbeddingState>(state =>
            CliContext.Error.Write($"\rembedding: {state.Embedded}/{state.Chunks} chunks ({state.Model})   "));
        try
        {
            var done = await service.EmbedPendingAsync(kb, progress, cancellationToken);
            await CliContext.Error.WriteLineAsync($"\rembedding: {done!.Embedded}/{done.Chunks} chunks have vectors of {done.Model} ({clock.Elapsed.TotalSeconds:0.0} s)   ");
        }
        catch (Errors.WenjinException e)
        {
            await CliContext.Error.WriteLineAsync($"\rembedding failed: {e.Message} (the documents are indexed; the next ingest or `wenjin serve` resumes embedding)");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or System.ClientModel.ClientResultException)
        {
            await CliContext.Error.WriteLineAsync($"\rembedding failed: {e.Message} (the documents are indexed; the next ingest or `wenjin serve` resumes embedding)");
        }
    }
}
