using System.CommandLine;
using Wenjin.Storage;

namespace Wenjin.Cli.Commands;

/// <summary><c>wenjin docs --kb NAME [--json]</c>: documents with their status and, for failures, the error.</summary>
internal static class DocsCommand
{
    public static Command Create(CliContext context)
    {
        var kb = new Option<string>("--kb") { Description = "Knowledge base.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("docs", "List a knowledge base's documents with their status.") { kb, json };
        command.SetAction((parse, ct) => context.RunAsync(parse, async service =>
        {
            var docs = await service.ListDocumentsAsync(parse.GetValue(kb)!, ct);
            if (parse.GetValue(json))
            {
                CliContext.WriteJson(docs.Select(d => new
                {
                    id = d.Id,
                    sourceId = d.SourceId,
                    status = StatusName(d.Status),
                    error = d.Error,
                    errorStage = d.ErrorStage,
                    title = d.Title,
                    format = d.Format,
                    bytes = d.Bytes,
                    characters = d.Characters,
                    chunks = d.Chunks,
                    pages = d.Pages,
                    updatedAt = d.UpdatedAt,
                }));
                return 0;
            }

            foreach (var d in docs)
            {
                string status = StatusName(d.Status);
                string detail = d.Error is null ? $"{d.Chunks} chunks" : $"[{d.ErrorStage}] {d.Error}";
                await CliContext.Out.WriteLineAsync($"{d.Id}\t{status}\t{d.SourceId}\t{detail}");
            }

            await CliContext.Out.WriteLineAsync($"{docs.Count} documents: {docs.Count(d => d.Status == DocumentStatus.Indexed)} indexed, {docs.Count(d => d.Status == DocumentStatus.Failed)} failed");
            return 0;
        }));
        return command;
    }

    /// <summary>The contract's three states: a document waiting in or taken from the server's queue is "pending".</summary>
    private static string StatusName(DocumentStatus status) => status switch
    {
        DocumentStatus.Indexed => "indexed",
        DocumentStatus.Failed => "failed",
        _ => "pending",
    };
}
